import Testing
import Simulation
#if canImport(Glibc)
import Glibc
#endif

/// Sample statistics against exact values, with tolerances derived from the
/// sample size — no magic slack:
/// - mean: |m - mu| < 5 * sigma / sqrt(n) (a false alarm has probability ~6e-7);
/// - variance: |s² - sigma²| < 5 * sqrt((mu4 - sigma^4) / n), with mu4 estimated from the sample;
/// - quantiles: the Dvoretzky–Kiefer–Wolfowitz bound: P(sup|F_n - F| > eps) <= 2 exp(-2 n eps²);
///   with eps = sqrt(ln(2 / 1e-6) / (2n)) the empirical CDF at every sample quantile is within eps.
@Suite struct DistributionTests {
    static let n = 200_000

    static func check(_ d: Distribution, seed: UInt64, checkVariance: Bool = true, checkQuantiles: Bool = true) {
        var random = RandomStream(seed: seed)
        var samples = (0..<n).map { _ in d.sample(using: &random) }
        let nd = Double(n)
        let mean = samples.reduce(0, +) / nd
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (nd - 1)
        if d.variance.isFinite {
            let sigma = d.variance.squareRoot()
            #expect(abs(mean - d.mean) <= 5 * sigma / nd.squareRoot() + 1e-12, "\(d): mean \(mean) vs \(d.mean)")
        }
        if checkVariance, d.variance.isFinite, d.variance > 0 {
            let mu4 = samples.reduce(0) { $0 + pow($1 - mean, 4) } / nd
            let tolerance = 5 * ((mu4 - variance * variance) / nd).squareRoot()
            #expect(abs(variance - d.variance) <= tolerance, "\(d): variance \(variance) vs \(d.variance) (tolerance \(tolerance))")
        }
        guard checkQuantiles else { return }
        samples.sort()
        let eps = (log(2 / 1e-6) / (2 * nd)).squareRoot()
        for p in [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999] {
            let q = samples[min(n - 1, Int(p * nd))]
            let f = d.cumulativeProbability(q)
            #expect(abs(f - p) <= eps + 1.0 / nd, "\(d): F(q\(p)) = \(f)")
        }
    }

    @Test func exponentialMatchesItsMeanVarianceAndQuantiles() throws {
        Self.check(try .exponential(withMean: 2.5), seed: 1)
    }

    @Test func uniformMatchesItsMeanVarianceAndQuantiles() throws {
        Self.check(try .uniform(from: -3, to: 7), seed: 2)
    }

    @Test func normalMatchesItsMeanVarianceAndQuantiles() throws {
        Self.check(try .normal(withMean: 10, standardDeviation: 3), seed: 3)
    }

    @Test func lognormalMatchesItsMeanVarianceAndQuantiles() throws {
        Self.check(try .lognormal(withMu: 1, sigma: 0.5), seed: 4)
    }

    @Test func lognormalFromMedianAndP99HasThatMedianAndP99() throws {
        let d = try Distribution.lognormal(median: 20, p99: 180)
        #expect(abs(d.cumulativeProbability(20) - 0.5) < 1e-12)
        #expect(abs(d.cumulativeProbability(180) - 0.99) < 1e-9)
        Self.check(d, seed: 5)
    }

    @Test func paretoMatchesItsMeanAndQuantiles() throws {
        // shape 2.5: finite variance, but its 4th moment is infinite, so only mean and quantiles.
        Self.check(try .pareto(withScale: 1, shape: 2.5), seed: 6, checkVariance: false)
    }

    @Test func empiricalResamplesTheGivenValues() throws {
        // A discrete distribution: instead of quantiles, each value's frequency
        // is Binomial(n, p): within 5 standard deviations of n * p.
        let d = try Distribution.empirical(values: [1, 2, 2, 5, 10])
        Self.check(d, seed: 7, checkQuantiles: false)
        var random = RandomStream(seed: 8)
        var counts: [Double: Int] = [:]
        let n = 50_000
        for _ in 0..<n { counts[d.sample(using: &random), default: 0] += 1 }
        #expect(Set(counts.keys) == [1, 2, 5, 10])
        for (value, p) in [(1.0, 0.2), (2.0, 0.4), (5.0, 0.2), (10.0, 0.2)] {
            let expected = Double(n) * p, sd = (Double(n) * p * (1 - p)).squareRoot()
            #expect(abs(Double(counts[value, default: 0]) - expected) < 5 * sd, "value \(value): \(counts[value, default: 0])")
        }
    }

    @Test func constantAlwaysGivesItsValue() throws {
        let d = try Distribution.constant(value: 4.2)
        var random = RandomStream(seed: 9)
        for _ in 0..<100 { #expect(d.sample(using: &random) == 4.2) }
    }

    @Test func invalidParametersAreRefusedWithAMessage() {
        #expect(throws: Distribution.ParameterError.self) { try Distribution.exponential(withMean: 0) }
        #expect(throws: Distribution.ParameterError.self) { try Distribution.exponential(withMean: -1) }
        #expect(throws: Distribution.ParameterError.self) { try Distribution.uniform(from: 2, to: 1) }
        #expect(throws: Distribution.ParameterError.self) { try Distribution.lognormal(median: 10, p99: 5) }
        #expect(throws: Distribution.ParameterError.self) { try Distribution.pareto(withScale: 0, shape: 1) }
        #expect(throws: Distribution.ParameterError.self) { try Distribution.empirical(values: []) }
        #expect(throws: Distribution.ParameterError.self) { try Distribution.normal(withMean: .nan, standardDeviation: 1) }
        do {
            _ = try Distribution.exponential(withMean: -1)
        } catch {
            #expect(error.description.contains("must be > 0"))
        }
    }
}
