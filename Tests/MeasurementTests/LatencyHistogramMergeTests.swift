import Randomness
import Measurement
import Testing

@Test func mergingPartsEqualsRecordingEverythingInOneHistogram() throws {
    for seed in UInt64(0)..<40 {
        var generator = SplitMix64(seed: seed)
        for distribution in TestDistribution.allCases {
            let bits = [5, 10, 14][Int(seed % 3)]
            let values = distribution.values(
                count: generator.next(in: 0...2_000), exactBelow: 1 << Int64(bits), using: &generator)
            var whole = try LatencyHistogram(significantBits: bits)
            var parts = try (0..<generator.next(in: 1...5)).map { _ in try LatencyHistogram(significantBits: bits) }
            for value in values {
                whole.record(value)
                parts[generator.next(in: 0...(parts.count - 1))].record(value)
            }
            var merged = parts[0]
            for part in parts.dropFirst() { try merged.merge(part) }
            let context = "seed \(seed) \(distribution) p=\(bits)"
            #expect(merged == whole, "\(context)")
            #expect(Array(merged.nonEmptyBuckets) == Array(whole.nonEmptyBuckets), "\(context)")
            for q in [0.0, 1, 50, 90, 99, 99.9, 100] {
                #expect(merged.percentile(q) == whole.percentile(q), "\(context) q=\(q)")
            }
        }
    }
}

@Test func mergingCarriesClampedNegatives() throws {
    var first = LatencyHistogram(), second = LatencyHistogram()
    first.record(-3)
    second.record(-4)
    second.record(7)
    try first.merge(second)
    #expect(first.negativeValuesClamped == 2)
    #expect(first.count == 3)
    #expect(first.min == 0)
    #expect(first.max == 7)
}

@Test func mergingAnEmptyHistogramChangesNothing() throws {
    var histogram = LatencyHistogram()
    histogram.record(1_000)
    let before = histogram
    try histogram.merge(LatencyHistogram())
    #expect(histogram == before)
    var empty = LatencyHistogram()
    try empty.merge(before)
    #expect(empty == before)
}

@Test func mergingDifferentPrecisionsIsATypedErrorAndLeavesTheReceiverUnchanged() throws {
    var coarse = try LatencyHistogram(significantBits: 6)
    coarse.record(500)
    let before = coarse
    var fine = LatencyHistogram()
    fine.record(1)
    #expect(throws: HistogramError.precisionMismatch(receiver: 6, other: 10)) {
        try coarse.merge(fine)
    }
    #expect(coarse == before)
}
