import Measurement

/// A simulation and a measurement of the same model side by side: one row
/// per metric both report, with the difference (measured minus simulated)
/// relative to the simulated value. Metrics are the report's own
/// (`RunReport.metrics`), so CSV columns and comparison rows have one name.
struct ComparisonTable {
    /// The metrics compared, in order: throughput, outcomes, the pools, latency.
    static let metricNames = [
        "requests_sent", "requests_completed", "completed_per_second",
        "status_200", "status_500", "status_502", "status_504", "status_reset", "requests_retried",
        "upstream_connections_opened", "upstream_connections_per_1k", "upstream_reuse_ratio",
        "stale_failures_retried", "stale_failures_surfaced",
        "upstream_closed_by_backend", "client_connections_opened",
        "latency_p50_ms", "latency_p90_ms", "latency_p99_ms",
    ]

    struct Row: Equatable {
        var metric: String
        var simulated: String
        var measured: String
        /// (measured - simulated) / simulated; nil when either is missing or simulated is 0.
        var relativeDifference: Double?
    }

    let rows: [Row]

    init(simulated: RunReport, measured: RunReport) {
        let simulatedMetrics = simulated.metrics
        let measuredMetrics = measured.metrics
        rows = Self.metricNames.compactMap { name in
            guard let s = simulatedMetrics.first(where: { $0.name == name }),
                  let m = measuredMetrics.first(where: { $0.name == name }) else { return nil }
            var difference: Double?
            if let a = s.number, let b = m.number, a != 0 { difference = (b - a) / abs(a) }
            return Row(metric: name, simulated: s.text, measured: m.text, relativeDifference: difference)
        }
    }

    /// The rows as aligned text.
    func text(measuredLabel: String) -> String {
        var table = TextTable([.init("metric", .left), .init("simulated"), .init(measuredLabel), .init("difference")])
        for row in rows {
            let difference = row.relativeDifference.map { ($0 >= 0 ? "+" : "") + NumberText.percent($0) } ?? "-"
            table.append([row.metric, row.simulated.isEmpty ? "-" : row.simulated, row.measured.isEmpty ? "-" : row.measured, difference])
        }
        return table.text()
    }

    /// The rows as CSV (metric, simulated, measured, relative_difference).
    var csv: String {
        var lines = [CSVWriter.line(["metric", "simulated", "measured", "relative_difference"])]
        for row in rows {
            lines.append(CSVWriter.line([row.metric, row.simulated, row.measured,
                                         row.relativeDifference.flatMap { NumberText.fixed($0, fractionDigits: 4) } ?? ""]))
        }
        return lines.joined()  // each line ends in its own newline (CSVWriter.line)
    }
}
