import Randomness
import Measurement
import Testing

/// A percentile given as an exact fraction `numerator / denominator` percent,
/// so the test's reference rank needs no floating point.
private struct ExactPercentile {
    var numerator: UInt64
    var denominator: UInt64
    var value: Double { Double(numerator) / Double(denominator) }

    /// Nearest rank `max(1, ceil(q/100 * n))` in integer arithmetic.
    func rank(count n: UInt64) -> UInt64 {
        let scaled = numerator * n
        let divisor = denominator * 100
        return Swift.max(1, (scaled + divisor - 1) / divisor)
    }
}

private let reportedPercentiles: [ExactPercentile] = [
    (0, 1), (1, 1), (10, 1), (25, 1), (50, 1), (75, 1), (90, 1), (95, 1), (99, 1),
    (999, 10), (9999, 100), (99999, 1000), (100, 1), (1, 3), (200, 3),
].map { ExactPercentile(numerator: $0.0, denominator: $0.1) }

/// Records `values`, then checks every reported percentile against the exact
/// nearest-rank value `x` of the sorted values: `|estimate - x| <= x >> p`.
private func checkPercentiles(of values: [Int64], significantBits: Int, context: String) throws {
    var histogram = try LatencyHistogram(significantBits: significantBits)
    for value in values { histogram.record(value) }
    let sorted = values.sorted()
    for q in reportedPercentiles {
        let exact = sorted[Int(q.rank(count: UInt64(sorted.count))) - 1]
        let estimate = try #require(histogram.percentile(q.value), "\(context) q=\(q.value)")
        let error = estimate > exact ? UInt64(estimate - exact) : UInt64(exact - estimate)
        #expect(
            error <= UInt64(exact >> Int64(significantBits)),
            "\(context) q=\(q.value): estimate \(estimate), exact \(exact)")
    }
}

@Test func percentilesAreWithinOneOverTwoToThePOfExactNearestRankAcrossDistributionsAndSeeds() throws {
    for seed in UInt64(0)..<60 {
        var generator = SplitMix64(seed: seed)
        for distribution in TestDistribution.allCases {
            let bits = [4, 7, 10, 12][Int(seed % 4)]
            let count = generator.next(in: 1...3_000)
            let values = distribution.values(count: count, exactBelow: 1 << Int64(bits), using: &generator)
            try checkPercentiles(
                of: values, significantBits: bits,
                context: "seed \(seed) \(distribution) p=\(bits) n=\(count)")
        }
    }
}

@Test func everyRankOfASmallSampleIsWithinTheStatedPrecision() throws {
    for seed in UInt64(100)..<140 {
        var generator = SplitMix64(seed: seed)
        let values = TestDistribution.allMagnitudes.values(count: 150, exactBelow: 1 << 10, using: &generator)
        var histogram = LatencyHistogram()
        for value in values { histogram.record(value) }
        let sorted = values.sorted()
        for rank in 1...sorted.count {
            let exact = sorted[rank - 1]
            let estimate = try #require(histogram.value(atRank: UInt64(rank)))
            let error = estimate > exact ? UInt64(estimate - exact) : UInt64(exact - estimate)
            #expect(error <= UInt64(exact >> 10), "seed \(seed) rank \(rank): \(estimate) vs \(exact)")
        }
    }
}

@Test func valuesBelowTwoToThePAreReportedExactly() throws {
    var generator = SplitMix64(seed: 7)
    let values = TestDistribution.tiny.values(count: 2_000, exactBelow: 1 << 10, using: &generator)
    var histogram = LatencyHistogram()
    for value in values { histogram.record(value) }
    let sorted = values.sorted()
    for q in reportedPercentiles {
        let exact = sorted[Int(q.rank(count: UInt64(sorted.count))) - 1]
        #expect(histogram.percentile(q.value) == exact, "q=\(q.value)")
    }
}

@Test func zeroAndHundredthPercentilesAreTheExactMinimumAndMaximum() throws {
    for seed in UInt64(0)..<30 {
        var generator = SplitMix64(seed: seed)
        let values = TestDistribution.heavyTailed.values(count: 500, exactBelow: 1 << 10, using: &generator)
        var histogram = LatencyHistogram()
        for value in values { histogram.record(value) }
        #expect(histogram.percentile(0) == values.min(), "seed \(seed)")
        #expect(histogram.percentile(100) == values.max(), "seed \(seed)")
    }
}

@Test func percentilesStayWithinMinAndMaxForASingleRepeatedValue() {
    var histogram = LatencyHistogram()
    histogram.record(123_456_789, count: 1_000)
    for q in [0.0, 0.1, 50, 99.99, 100] {
        #expect(histogram.percentile(q) == 123_456_789)
    }
}

@Test func emptyHistogramHasNoPercentiles() {
    let histogram = LatencyHistogram()
    #expect(histogram.percentile(50) == nil)
    #expect(histogram.percentile(0) == nil)
    #expect(histogram.value(atRank: 1) == nil)
}

@Test func percentilesOutsideZeroToHundredOrNaNAreNil() {
    var histogram = LatencyHistogram()
    histogram.record(5)
    #expect(histogram.percentile(-0.5) == nil)
    #expect(histogram.percentile(100.01) == nil)
    #expect(histogram.percentile(.nan) == nil)
    #expect(histogram.value(atRank: 0) == nil)
    #expect(histogram.value(atRank: 2) == nil)
}

@Test func nearestRankRoundsUpButIgnoresDecimalRepresentationNoise() {
    #expect(LatencyHistogram.nearestRank(percentile: 99.9, count: 1_000) == 999)
    #expect(LatencyHistogram.nearestRank(percentile: 99.99, count: 10_000) == 9_999)
    #expect(LatencyHistogram.nearestRank(percentile: 50, count: 3) == 2)
    #expect(LatencyHistogram.nearestRank(percentile: 50, count: 4) == 2)
    #expect(LatencyHistogram.nearestRank(percentile: 50.1, count: 4) == 3)
    #expect(LatencyHistogram.nearestRank(percentile: 0, count: 10) == 1)
    #expect(LatencyHistogram.nearestRank(percentile: 100, count: 10) == 10)
    #expect(LatencyHistogram.nearestRank(percentile: 1, count: 1) == 1)
    #expect(LatencyHistogram.nearestRank(percentile: 50, count: 0) == nil)
}
