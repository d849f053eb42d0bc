import Scenario
import Measurement

/// The metrics a sweep records per run: `RunReport.metrics`, whose names and
/// order are the same for every report.
public enum ReportMetrics {
    /// Every metric name, in report order (read off an empty report).
    public static let names: [String] = RunReport.empty.metrics.map(\.name)

    /// `name`, or a message listing the names near it.
    public static func check(_ name: String) throws(ExperimentError) {
        guard !names.contains(name) else { return }
        var message = "unknown metric '\(name)'"
        if let nearest = SpellingSuggestion.nearest(to: name, among: names) { message += "; did you mean '\(nearest)'?" }
        message += " Metrics: " + names.joined(separator: ", ")
        throw ExperimentError(message)
    }
}

extension RunReport {
    /// A report of nothing: its metrics have every name, in order.
    static var empty: RunReport {
        RunReport(provenance: Provenance(toolVersion: "", mode: "simulate", seed: 0, modelSHA256: "", command: ""),
                  measuredSeconds: 0, requests: RequestSummary(), latency: LatencySummary(), latencyFromSend: LatencySummary(),
                  upstream: UpstreamSummary(), client: ClientSummary(), timeWait: TimeWaitSummary(), workers: [], backends: [],
                  warnings: [])
    }
}
