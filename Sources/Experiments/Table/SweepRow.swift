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
    /// Why this simulation could not run (its grid point's model is invalid, or
    /// the run failed); its metrics are then all empty. Nil for a run that ran.
    public var failure: String?

    public init(point: Int, replication: Int, parameterValues: [String], metricValues: [String], failure: String? = nil) {
        self.point = point; self.replication = replication
        self.parameterValues = parameterValues; self.metricValues = metricValues
        self.failure = failure
    }
}
