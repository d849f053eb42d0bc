/// The measured values of one simulation of a sweep: one CSV row.
public struct SweepRow: Equatable, Sendable {
    /// The grid point (0-based, grid order).
    public var point: Int
    /// The replication (0-based): its random streams are the same at every point.
    public var replication: Int
    /// The varied parameters' values at the point, as shown (`SweepValue.text`).
    public var parameterValues: [String]
    /// Every metric of the run's report (`RunReport.metrics`), as CSV prints it;
    /// an empty string when nothing was measured.
    public var metricValues: [String]

    public init(point: Int, replication: Int, parameterValues: [String], metricValues: [String]) {
        self.point = point; self.replication = replication
        self.parameterValues = parameterValues; self.metricValues = metricValues
    }
}
