/// One `--target NAME=LIMIT` of `plan`: a metric that must stay at or below a
/// limit. A target is met when the upper end of the metric's 95% confidence
/// interval is within the limit (not just the mean): capacity is planned with
/// the noise of the simulation on the safe side.
public struct PlanTarget: Equatable, Sendable, CustomStringConvertible {
    /// The name as given (`handshakes_per_1k`).
    public var name: String
    /// The report metric it reads (`upstream_connections_per_1k`).
    public var metric: String
    public var limit: Double
    /// The limit as written, for messages.
    public var limitText: String

    /// Short names for the common targets; any metric name works too.
    public static let aliases: [(alias: String, metric: String)] = [
        ("handshakes_per_1k", "upstream_connections_per_1k"),
        ("error_rate", "error_ratio"),
        ("p50_ms", "latency_p50_ms"),
        ("p90_ms", "latency_p90_ms"),
        ("p99_ms", "latency_p99_ms"),
        ("p999_ms", "latency_p999_ms"),
    ]

    /// The targets when none is given: few handshakes, no errors.
    public static let defaults: [PlanTarget] = [
        PlanTarget(name: "handshakes_per_1k", metric: "upstream_connections_per_1k", limit: 10, limitText: "10"),
        PlanTarget(name: "error_rate", metric: "error_ratio", limit: 0, limitText: "0"),
    ]

    init(name: String, metric: String, limit: Double, limitText: String) {
        self.name = name; self.metric = metric; self.limit = limit; self.limitText = limitText
    }

    /// `NAME=LIMIT`, e.g. `handshakes_per_1k=10`, `p99_ms=25`, `stale_failures_surfaced=0`.
    public init(parsing text: String) throws(ExperimentError) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, let limit = Double(parts[1]), limit.isFinite, limit >= 0 else {
            throw ExperimentError("invalid target '\(text)': expected NAME=LIMIT with a number >= 0, e.g. handshakes_per_1k=10, "
                + "error_rate=0 or p99_ms=25")
        }
        let name = String(parts[0])
        let metric = Self.aliases.first { $0.alias == name }?.metric ?? name
        guard ReportMetrics.names.contains(metric) else {
            throw ExperimentError("unknown target '\(name)'; targets are " + Self.aliases.map(\.alias).joined(separator: ", ")
                + " or any metric: " + ReportMetrics.names.joined(separator: ", "))
        }
        self.init(name: name, metric: metric, limit: limit, limitText: String(parts[1]))
    }

    /// Met when `mean + halfWidth <= limit` (a missing half-width counts as 0).
    public func isMet(mean: Double?, halfWidth: Double?) -> Bool {
        guard let mean else { return false }
        return mean + (halfWidth ?? 0) <= limit
    }

    /// `handshakes_per_1k <= 10`, naming the metric when it differs.
    public var description: String {
        name == metric ? "\(metric) <= \(limitText)" : "\(name) (\(metric)) <= \(limitText)"
    }
}
