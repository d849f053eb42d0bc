import Measurement
import Testing

@Test func bucketsTileZeroToInt64MaxWithoutGapsOrOverlap() throws {
    for bits in HistogramLayout.supportedSignificantBits {
        let layout = try HistogramLayout(significantBits: bits)
        #expect(layout.lowerBound(ofBucket: 0) == 0)
        #expect(layout.upperBound(ofBucket: layout.bucketCount - 1) == .max, "p=\(bits)")
        #expect(layout.bucketIndex(for: .max) == layout.bucketCount - 1, "p=\(bits)")
        for index in 0..<(layout.bucketCount - 1) {
            guard layout.upperBound(ofBucket: index) + 1 == layout.lowerBound(ofBucket: index + 1) else {
                Issue.record("p=\(bits): gap or overlap after bucket \(index)")
                break
            }
        }
    }
}

@Test func everyBucketsBoundsMapBackToThatBucket() throws {
    for bits in [4, 10, 16] {
        let layout = try HistogramLayout(significantBits: bits)
        for index in 0..<layout.bucketCount {
            let lower = layout.lowerBound(ofBucket: index), upper = layout.upperBound(ofBucket: index)
            guard layout.bucketIndex(for: lower) == index, layout.bucketIndex(for: upper) == index else {
                Issue.record("p=\(bits): bucket \(index) [\(lower), \(upper)] does not map back")
                break
            }
        }
    }
}

@Test func valuesBelowTwoToThePHaveBucketsOfWidthOneAndTheRestAtMostTwoOverS() throws {
    for bits in HistogramLayout.supportedSignificantBits {
        let layout = try HistogramLayout(significantBits: bits)
        let s = layout.exactBelow
        for index in 0..<layout.bucketCount {
            let lower = layout.lowerBound(ofBucket: index), width = layout.width(ofBucket: index)
            let ok = lower < s ? width == 1 : UInt128(width) * UInt128(s) <= 2 * UInt128(lower)
            guard ok else {
                Issue.record("p=\(bits): bucket \(index) at \(lower) is \(width) wide")
                break
            }
        }
    }
}

@Test func defaultLayoutKeepsTenBitsIn28160Buckets() {
    let layout = HistogramLayout()
    #expect(layout.significantBits == 10)
    #expect(layout.exactBelow == 1_024)
    #expect(layout.bucketCount == 28_160)
    #expect(layout.bucketIndex(for: 1_023) == 1_023)
    #expect(layout.bucketIndex(for: 1_024) == 1_024)
    #expect(layout.bucketIndex(for: 1_025) == 1_024)
    #expect(layout.bucketIndex(for: 1_026) == 1_025)
}
