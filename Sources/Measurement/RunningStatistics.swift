// `Double.rounded()` and `squareRoot()` compile to calls into libm
// (`ceil`, `sqrt`), which the standard library alone does not link on Linux:
// importing Glibc records libm for the linker, so every client links.
#if canImport(Glibc)
import Glibc
#endif

/// Streaming count, mean, variance, minimum and maximum of `Double` samples
/// in O(1) memory: Welford's update for one value, and Chan, Golub and
/// LeVeque's pairwise formula to merge two summaries (e.g. one per seed or
/// per worker), which agrees with feeding all values in sequence up to
/// rounding.
///
/// Non-finite samples (NaN, ±infinity) would poison every later result; they
/// are skipped and counted in `nonFiniteValuesIgnored` instead.
public struct RunningStatistics: Equatable, Sendable {
    @usableFromInline internal var sampleCount: Int = 0
    @usableFromInline internal var runningMean: Double = 0
    /// Sum of squared deviations from the current mean (Welford's M2).
    @usableFromInline internal var squaredDeviations: Double = 0
    @usableFromInline internal var smallest: Double = .infinity
    @usableFromInline internal var largest: Double = -.infinity
    @usableFromInline internal var nonFiniteCount: Int = 0

    public init() {}

    /// Adds one sample (Welford 1962): the mean moves by `delta / n` and M2
    /// grows by `delta * (x - newMean)`, which never subtracts two large sums.
    @inlinable
    public mutating func add(_ value: Double) {
        guard value.isFinite else {
            nonFiniteCount += 1
            return
        }
        sampleCount += 1
        let delta = value - runningMean
        runningMean += delta / Double(sampleCount)
        squaredDeviations += delta * (value - runningMean)
        if value < smallest { smallest = value }
        if value > largest { largest = value }
    }

    /// Adds every sample summarised by `other` (Chan et al. 1979):
    /// `mean = meanA + delta * nB / n`,
    /// `M2 = M2A + M2B + delta^2 * nA * nB / n`, with `delta = meanB - meanA`.
    public mutating func merge(_ other: RunningStatistics) {
        nonFiniteCount += other.nonFiniteCount
        guard other.sampleCount > 0 else { return }
        guard sampleCount > 0 else {
            let ignored = nonFiniteCount
            self = other
            nonFiniteCount = ignored
            return
        }
        let countA = Double(sampleCount), countB = Double(other.sampleCount)
        let total = countA + countB
        let delta = other.runningMean - runningMean
        runningMean += delta * countB / total
        squaredDeviations += other.squaredDeviations + delta * delta * countA * countB / total
        sampleCount += other.sampleCount
        smallest = Swift.min(smallest, other.smallest)
        largest = Swift.max(largest, other.largest)
    }

    /// Forgets every sample.
    public mutating func reset() { self = RunningStatistics() }

    /// Number of (finite) samples added.
    public var count: Int { sampleCount }

    /// How many NaN or infinite samples were skipped.
    public var nonFiniteValuesIgnored: Int { nonFiniteCount }

    /// The arithmetic mean; nil without samples.
    public var mean: Double? { sampleCount > 0 ? runningMean : nil }

    /// The smallest sample; nil without samples.
    public var min: Double? { sampleCount > 0 ? smallest : nil }

    /// The largest sample; nil without samples.
    public var max: Double? { sampleCount > 0 ? largest : nil }

    /// Unbiased sample variance `M2 / (n - 1)`; nil below two samples.
    public var sampleVariance: Double? {
        sampleCount > 1 ? squaredDeviations / Double(sampleCount - 1) : nil
    }

    /// Population variance `M2 / n`; nil without samples.
    public var populationVariance: Double? {
        sampleCount > 0 ? squaredDeviations / Double(sampleCount) : nil
    }

    /// Sample standard deviation (square root of `sampleVariance`); nil below two samples.
    public var standardDeviation: Double? { sampleVariance?.squareRoot() }

    /// Standard error of the mean, `s / sqrt(n)`; nil below two samples.
    public var standardError: Double? {
        standardDeviation.map { $0 / Double(sampleCount).squareRoot() }
    }

    /// Half-width `t * s / sqrt(n)` of the two-sided confidence interval for
    /// the mean, with Student's t for `n - 1` degrees of freedom (the samples
    /// are assumed independent and roughly normal, e.g. one mean per seed).
    /// Nil below two samples.
    public func confidenceHalfWidth(_ level: ConfidenceLevel = .ninetyFive) -> Double? {
        guard let standardError,
              let t = StudentT.twoSidedCriticalValue(level, degreesOfFreedom: sampleCount - 1)
        else { return nil }
        return t * standardError
    }

    /// `confidenceHalfWidth(.ninetyFive)`: the mean is `mean ± this` at 95%.
    public var confidenceInterval95HalfWidth: Double? { confidenceHalfWidth(.ninetyFive) }
}
