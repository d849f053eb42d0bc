import Randomness
import Measurement
import Testing

/// Two-pass reference: the mean first, then squared deviations from it.
private func twoPass(_ values: [Double]) -> (mean: Double, variance: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, squares / Double(values.count - 1))
}

private func relativeDifference(_ a: Double, _ b: Double) -> Double {
    a == b ? 0 : abs(a - b) / Swift.max(abs(a), abs(b))
}

/// Samples of several scales, some with a mean up to a few thousand times
/// their spread, where a naive sum-of-squares formula loses most digits.
/// (Beyond that, any method's error grows with mean / spread: the inputs
/// themselves no longer carry the spread's digits.)
private func samples(seed: UInt64, using generator: inout SplitMix64) -> [Double] {
    let count = generator.next(in: 2...2_000)
    let scale = [1.0, 1e-3, 1e6, 1e-9][Int(seed % 4)]
    let offset = scale * [0.0, 1_000, -3.5, 100][Int(seed / 4 % 4)]
    return (0..<count).map { _ in offset + scale * (generator.nextUnit() - 0.3) }
}

@Test func streamingMeanAndVarianceMatchTheTwoPassFormulaWithinOneInABillion() throws {
    for seed in UInt64(0)..<100 {
        var generator = SplitMix64(seed: seed)
        let values = samples(seed: seed, using: &generator)
        var statistics = RunningStatistics()
        for value in values { statistics.add(value) }
        let reference = twoPass(values)
        let mean = try #require(statistics.mean), variance = try #require(statistics.sampleVariance)
        #expect(statistics.count == values.count)
        #expect(relativeDifference(mean, reference.mean) <= 1e-9, "seed \(seed): mean \(mean) vs \(reference.mean)")
        #expect(
            relativeDifference(variance, reference.variance) <= 1e-9,
            "seed \(seed): variance \(variance) vs \(reference.variance)")
        #expect(statistics.min == values.min(), "seed \(seed)")
        #expect(statistics.max == values.max(), "seed \(seed)")
    }
}

@Test func mergingSummariesEqualsAddingEverythingInSequence() throws {
    for seed in UInt64(0)..<100 {
        var generator = SplitMix64(seed: seed)
        let values = samples(seed: seed, using: &generator)
        var sequential = RunningStatistics()
        var parts = Array(repeating: RunningStatistics(), count: generator.next(in: 1...6))
        for value in values {
            sequential.add(value)
            parts[generator.next(in: 0...(parts.count - 1))].add(value)
        }
        var merged = RunningStatistics()
        for part in parts { merged.merge(part) }
        let context = "seed \(seed), \(parts.count) parts"
        #expect(merged.count == sequential.count, "\(context)")
        #expect(merged.min == sequential.min, "\(context)")
        #expect(merged.max == sequential.max, "\(context)")
        let mean = try #require(merged.mean), expectedMean = try #require(sequential.mean)
        let variance = try #require(merged.sampleVariance)
        let expectedVariance = try #require(sequential.sampleVariance)
        #expect(relativeDifference(mean, expectedMean) <= 1e-9, "\(context)")
        #expect(relativeDifference(variance, expectedVariance) <= 1e-9, "\(context)")
    }
}

@Test func varianceNeedsTwoSamplesAndMeanNeedsOne() {
    var statistics = RunningStatistics()
    #expect(statistics.mean == nil)
    #expect(statistics.populationVariance == nil)
    statistics.add(4)
    #expect(statistics.mean == 4)
    #expect(statistics.populationVariance == 0)
    #expect(statistics.sampleVariance == nil)
    #expect(statistics.standardError == nil)
    #expect(statistics.confidenceInterval95HalfWidth == nil)
}

@Test func confidenceHalfWidthIsStudentTTimesStandardError() throws {
    var statistics = RunningStatistics()
    for value in [1.0, 2, 3, 4, 5] { statistics.add(value) }
    // s^2 = 10 / 4 = 2.5; se = sqrt(2.5 / 5); t(0.975, 4) = 2.776445.
    let standardError = (0.5 as Double).squareRoot()
    #expect(statistics.sampleVariance == 2.5)
    #expect(abs(try #require(statistics.standardError) - standardError) < 1e-15)
    let halfWidth = try #require(statistics.confidenceInterval95HalfWidth)
    #expect(abs(halfWidth - 2.776445 * standardError) < 1e-9)
    let wider = try #require(statistics.confidenceHalfWidth(.ninetyNine))
    #expect(abs(wider - 4.604095 * standardError) < 1e-9)
}

@Test func nonFiniteSamplesAreSkippedAndCounted() {
    var statistics = RunningStatistics()
    for value in [1.0, .nan, 3, .infinity, -.infinity] { statistics.add(value) }
    #expect(statistics.count == 2)
    #expect(statistics.mean == 2)
    #expect(statistics.nonFiniteValuesIgnored == 3)
    var other = RunningStatistics()
    other.add(.nan)
    statistics.merge(other)
    #expect(statistics.nonFiniteValuesIgnored == 4)
    #expect(statistics.count == 2)
}

@Test func mergingIntoAnEmptySummaryCopiesTheOther() {
    var other = RunningStatistics()
    for value in [2.0, 4, 9] { other.add(value) }
    var empty = RunningStatistics()
    empty.merge(other)
    #expect(empty == other)
    empty.merge(RunningStatistics())
    #expect(empty == other)
}
