import ProxyModel

/// A fixed-memory, mergeable histogram of non-negative `Int64` values
/// (latencies in nanoseconds), bucketed log-linearly by `HistogramLayout`.
///
/// Recording is O(1): one bucket increment plus the exact count, sum,
/// minimum and maximum. Memory never grows with the number of values recorded
/// (see ../shared/DESIGN.md, principle 4), and buckets are allocated only up
/// to the largest value recorded so far: an empty histogram holds no buckets
/// (the full layout is 28,160 buckets, 225 KB, and a world keeps one per
/// backend instance: 20,000 server addresses must not cost 4.5 GB before a
/// single request waits). Allocation happens only when a value lands beyond
/// every bucket so far.
///
/// - Negative values: clamped to 0 and counted in `negativeValuesClamped`
///   (a negative latency is a driver bug worth reporting, never a crash).
/// - Percentiles: nearest rank, reported within a relative error of `1 / 2^p`;
///   the definition and the proof are in `LatencyHistogram+Percentiles.swift`.
/// - Counts and the sum use wrapping arithmetic: `UInt64` counts cannot
///   overflow in practice (584 years at a billion records per second) and the
///   sum is a `UInt128`, wide enough for `UInt64.max` values of `Int64.max`.
public struct LatencyHistogram: Equatable, Sendable {
    /// How values map to buckets; fixed at creation.
    public let layout: HistogramLayout

    /// Counts of buckets `0..<bucketCounts.count`; the buckets beyond hold 0.
    @usableFromInline internal var bucketCounts: [UInt64]
    @usableFromInline internal var recordedCount: UInt64 = 0
    @usableFromInline internal var recordedSum: UInt128 = 0
    /// `Int64.max` while empty, so the first value always replaces it.
    @usableFromInline internal var smallest: Int64 = .max
    /// `Int64.min` while empty, so the first value always replaces it.
    @usableFromInline internal var largest: Int64 = .min
    @usableFromInline internal var negativesClamped: UInt64 = 0

    /// An empty histogram with the default precision (10 significant bits).
    public init() {
        self.init(layout: HistogramLayout())
    }

    /// An empty histogram keeping `significantBits` bits of every value
    /// (`HistogramLayout.supportedSignificantBits`, 4...16).
    public init(significantBits: Int) throws(HistogramError) {
        self.init(layout: try HistogramLayout(significantBits: significantBits))
    }

    /// An empty histogram with the given layout.
    public init(layout: HistogramLayout) {
        self.layout = layout
        self.bucketCounts = []
    }

    /// Makes buckets up to `index` exist (the slow path of recording a value
    /// larger than any before).
    @usableFromInline @inline(never)
    mutating func growBuckets(toInclude index: Int) {
        bucketCounts.append(contentsOf: repeatElement(0, count: index + 1 - bucketCounts.count))
    }

    /// Adds `amount` to bucket `index`, allocating buckets up to it if needed.
    @inlinable
    mutating func addToBucket(_ index: Int, _ amount: UInt64) {
        if index >= bucketCounts.count { growBuckets(toInclude: index) }
        bucketCounts[index] &+= amount
    }

    /// Records one value. Negative values count as 0 (see `negativeValuesClamped`).
    @inlinable @inline(__always)
    public mutating func record(_ value: Int64) {
        var value = value
        if value < 0 {
            negativesClamped &+= 1
            value = 0
        }
        addToBucket(layout.bucketIndex(for: value), 1)
        recordedCount &+= 1
        recordedSum &+= UInt128(truncatingIfNeeded: value)
        if value < smallest { smallest = value }
        if value > largest { largest = value }
    }

    /// Records `value` `count` times, as `count` calls of `record(_:)` would.
    @inlinable
    public mutating func record(_ value: Int64, count: UInt64) {
        guard count > 0 else { return }
        var value = value
        if value < 0 {
            negativesClamped &+= count
            value = 0
        }
        addToBucket(layout.bucketIndex(for: value), count)
        recordedCount &+= count
        recordedSum &+= UInt128(truncatingIfNeeded: value) &* UInt128(count)
        if value < smallest { smallest = value }
        if value > largest { largest = value }
    }

    /// Records a duration as its nanoseconds.
    @inlinable
    public mutating func record(_ span: TimeSpan) {
        record(span.nanoseconds)
    }

    /// Forgets every value; keeps the layout and the memory.
    public mutating func reset() {
        for index in bucketCounts.indices { bucketCounts[index] = 0 }
        recordedCount = 0
        recordedSum = 0
        smallest = .max
        largest = .min
        negativesClamped = 0
    }

    /// Number of values recorded (negative ones included, as 0).
    public var count: UInt64 { recordedCount }

    /// True before the first value.
    public var isEmpty: Bool { recordedCount == 0 }

    /// The exact smallest value recorded, nil while empty.
    public var min: Int64? { isEmpty ? nil : smallest }

    /// The exact largest value recorded, nil while empty.
    public var max: Int64? { isEmpty ? nil : largest }

    /// The exact sum of the values recorded (negatives as 0).
    public var sum: UInt128 { recordedSum }

    /// `sum / count`, rounded once to the nearest `Double`; nil while empty.
    public var mean: Double? {
        isEmpty ? nil : Double(recordedSum) / Double(recordedCount)
    }

    /// How many negative values were recorded as 0.
    public var negativeValuesClamped: UInt64 { negativesClamped }

    /// Buckets allocated so far: up to the largest value recorded (0 while empty).
    public var allocatedBucketCount: Int { bucketCounts.count }

    /// The count in bucket `index` (`0..<layout.bucketCount`).
    public func count(inBucket index: Int) -> UInt64 { index < bucketCounts.count ? bucketCounts[index] : 0 }
}

extension LatencyHistogram {
    /// Equal when they hold the same values: buckets not allocated count as 0
    /// (a histogram that was reset keeps its buckets, zeroed).
    public static func == (lhs: LatencyHistogram, rhs: LatencyHistogram) -> Bool {
        guard lhs.layout == rhs.layout, lhs.recordedCount == rhs.recordedCount, lhs.recordedSum == rhs.recordedSum,
              lhs.smallest == rhs.smallest, lhs.largest == rhs.largest, lhs.negativesClamped == rhs.negativesClamped
        else { return false }
        let common = Swift.min(lhs.bucketCounts.count, rhs.bucketCounts.count)
        return lhs.bucketCounts[..<common] == rhs.bucketCounts[..<common]
            && lhs.bucketCounts[common...].allSatisfy { $0 == 0 } && rhs.bucketCounts[common...].allSatisfy { $0 == 0 }
    }
}
