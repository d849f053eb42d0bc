/// The simulations one run of a sweep performs, in grid order, described
/// arithmetically rather than listed: all of them (`first` 0, `stride` 1),
/// or shard I/N's interleaved slice (`first` I-1, `stride` N). A 10^7-point
/// grid with 10^4 replications has 10^11 simulations; listing them, or
/// scanning every index to find one shard's, would take longer than running
/// the shard.
public struct SweepTasks: RandomAccessCollection, Equatable, Sendable {
    /// The first simulation's number (task = point * replications + replication).
    public let first: Int
    /// The step between two simulations of this run.
    public let stride: Int
    public let count: Int

    /// Simulations `first`, `first + stride`, ... below `total`.
    public init(total: Int, first: Int = 0, stride: Int = 1) {
        precondition(first >= 0 && stride >= 1, "SweepTasks: first \(first), stride \(stride)")
        self.first = first
        self.stride = stride
        count = first < total ? (total - first - 1) / stride + 1 : 0
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    /// The `position`-th simulation of this run (no overflow: it is below `total`).
    public subscript(position: Int) -> Int { first + position * stride }

    /// How many distinct grid points these simulations visit: consecutive
    /// simulations of one point are adjacent only when `stride` is below
    /// `replications`. Counted without walking the whole run when it is large.
    public func distinctPointCount(replications: Int) -> Int {
        guard !isEmpty else { return 0 }
        // A step of at least R always lands on a later point.
        if stride >= replications { return count }
        var points = 0, lastPoint = -1
        for task in self where task / replications != lastPoint {
            points += 1
            lastPoint = task / replications
        }
        return points
    }
}
