/// A handful of values of one metric — one per seed, or one per repeated
/// live run — as their median and range: what `compare --repeat --seeds`
/// and `bench live` print. The median, not the mean, because a real run
/// disturbed by the machine (another build, a scheduler hiccup) should move
/// the middle of a few runs as little as possible; the range shows that run.
public struct SampleSummary: Equatable, Sendable {
    /// How many values it summarises (at least 1).
    public let count: Int
    /// The middle value; with an even count, the mean of the two middle ones.
    public let median: Double
    public let minimum: Double
    public let maximum: Double

    /// Nil when `values` holds no finite value; NaN and infinities are left out.
    public init?(_ values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        let middle = sorted.count / 2
        count = sorted.count
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        minimum = first
        maximum = last
    }

    /// Whether the two ranges share at least one value (touching ends count).
    public func overlaps(_ other: SampleSummary) -> Bool {
        max(minimum, other.minimum) <= min(maximum, other.maximum)
    }
}
