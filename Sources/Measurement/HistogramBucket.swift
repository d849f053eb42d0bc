/// One non-empty bucket of a `LatencyHistogram`, for CSV export and charts.
public struct HistogramBucket: Hashable, Sendable {
    /// The smallest value the bucket holds.
    public var lowerBound: Int64
    /// The largest value the bucket holds (inclusive).
    public var upperBound: Int64
    /// How many recorded values fell into it.
    public var count: UInt64

    public init(lowerBound: Int64, upperBound: Int64, count: UInt64) {
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.count = count
    }
}
