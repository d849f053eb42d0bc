import Randomness
import Measurement
import ProxyModel
import Testing

@Test func minimumMaximumSumAndMeanAreExact() throws {
    for seed in UInt64(0)..<40 {
        var generator = SplitMix64(seed: seed)
        for distribution in TestDistribution.allCases {
            let count = generator.next(in: 1...1_000)
            let values = distribution.values(count: count, exactBelow: 1 << 10, using: &generator)
            var histogram = LatencyHistogram()
            for value in values { histogram.record(value) }
            let exactSum = values.reduce(UInt128(0)) { $0 + UInt128($1) }
            let context = "seed \(seed) \(distribution)"
            #expect(histogram.count == UInt64(values.count), "\(context)")
            #expect(histogram.min == values.min(), "\(context)")
            #expect(histogram.max == values.max(), "\(context)")
            #expect(histogram.sum == exactSum, "\(context)")
            #expect(histogram.mean == Double(exactSum) / Double(values.count), "\(context)")
        }
    }
}

@Test func sumDoesNotOverflowWithManyValuesNearInt64Max() {
    var histogram = LatencyHistogram()
    histogram.record(.max, count: 1_000)
    histogram.record(.max)
    #expect(histogram.sum == UInt128(Int64.max) * 1_001)
    #expect(histogram.mean == Double(Int64.max))
    #expect(histogram.percentile(50) == .max)
}

@Test func emptyHistogramHasNoMinimumMaximumOrMean() {
    let histogram = LatencyHistogram()
    #expect(histogram.isEmpty)
    #expect(histogram.count == 0)
    #expect(histogram.min == nil)
    #expect(histogram.max == nil)
    #expect(histogram.mean == nil)
    #expect(Array(histogram.nonEmptyBuckets).isEmpty)
}

@Test func negativeValuesAreRecordedAsZeroAndCounted() {
    var histogram = LatencyHistogram()
    histogram.record(-5)
    histogram.record(Int64.min)
    histogram.record(-1, count: 3)
    histogram.record(10)
    #expect(histogram.negativeValuesClamped == 5)
    #expect(histogram.count == 6)
    #expect(histogram.min == 0)
    #expect(histogram.max == 10)
    #expect(histogram.sum == 10)
    #expect(histogram.percentile(50) == 0)
}

@Test func recordingWithACountEqualsRecordingRepeatedly() {
    var repeated = LatencyHistogram(), counted = LatencyHistogram()
    for (value, times) in [(Int64(3), UInt64(4)), (1_234_567, 2), (-8, 3), (99, 0), (Int64.max, 5)] {
        for _ in 0..<times { repeated.record(value) }
        counted.record(value, count: times)
    }
    #expect(counted == repeated)
}

@Test func timeSpansAreRecordedAsNanoseconds() {
    var histogram = LatencyHistogram()
    histogram.record(TimeSpan.milliseconds(3))
    #expect(histogram.max == 3_000_000)
}

@Test func resetGivesBackAnEmptyHistogramOfTheSamePrecision() throws {
    var histogram = try LatencyHistogram(significantBits: 6)
    for value in [Int64(-1), 5, 1 << 40, .max] { histogram.record(value) }
    histogram.reset()
    #expect(histogram == (try LatencyHistogram(significantBits: 6)))
}

@Test func precisionOutsideFourToSixteenBitsIsATypedError() {
    for bits in [-1, 0, 3, 17, 64] {
        #expect(throws: HistogramError.significantBitsOutOfRange(given: bits, valid: 4...16)) {
            try LatencyHistogram(significantBits: bits)
        }
    }
    #expect(String(describing: HistogramError.significantBitsOutOfRange(given: 3, valid: 4...16)).contains("4...16"))
}

@Test func nonEmptyBucketsListEveryValueOnceInIncreasingOrder() throws {
    var generator = SplitMix64(seed: 42)
    let values = TestDistribution.allMagnitudes.values(count: 2_000, exactBelow: 1 << 10, using: &generator)
    var histogram = LatencyHistogram()
    for value in values { histogram.record(value) }
    let buckets = Array(histogram.nonEmptyBuckets)
    #expect(buckets.reduce(0) { $0 + $1.count } == histogram.count)
    for (earlier, later) in zip(buckets, buckets.dropFirst()) {
        #expect(earlier.upperBound < later.lowerBound)
    }
    for value in values {
        let holding = buckets.filter { $0.lowerBound <= value && value <= $0.upperBound }
        #expect(holding.count == 1, "value \(value)")
    }
}

/// A world keeps one histogram per backend instance: 20,000 server addresses
/// must not cost 28,160 buckets (225 KB) each before anything is recorded.
@Test func anEmptyHistogramHoldsNoBucketsAndGrowsOnlyToItsLargestValue() throws {
    var histogram = LatencyHistogram()
    #expect(histogram.allocatedBucketCount == 0)
    histogram.record(1_000)
    let afterSmall = histogram.allocatedBucketCount
    #expect(afterSmall > 0 && afterSmall < 2_000, "\(afterSmall)")
    histogram.record(10)
    #expect(histogram.allocatedBucketCount == afterSmall)
    histogram.record(.max)
    #expect(histogram.allocatedBucketCount == histogram.layout.bucketCount)
    #expect(histogram.count(inBucket: histogram.layout.bucketCount - 1) == 1)
}

/// Buckets not yet allocated count as empty: equality, merging and reset agree.
@Test func histogramsThatGrewDifferentlyAreEqualWhenTheyHoldTheSameValues() throws {
    var reset = LatencyHistogram()
    reset.record(5_000_000)
    reset.reset()
    reset.record(7)
    var fresh = LatencyHistogram()
    fresh.record(7)
    #expect(reset.allocatedBucketCount > fresh.allocatedBucketCount)
    #expect(reset == fresh)
    var merged = LatencyHistogram()
    try merged.merge(reset)
    #expect(merged == fresh)
    #expect(merged.count(inBucket: merged.layout.bucketCount - 1) == 0)
    fresh.record(8)
    #expect(reset != fresh)
}
