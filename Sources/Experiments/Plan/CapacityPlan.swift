import Measurement

/// What `plan` recommends: nginx directives, the predicted numbers at those
/// settings with their confidence intervals, and one line of reason per
/// recommendation.
public struct CapacityPlan: Sendable {
    /// One directive, in its block (`main`, `upstream api`, `location /`).
    public struct Directive: Sendable, Equatable {
        public var block: String
        public var text: String
        /// `as written`, `nginx's default`, or nil for a recommendation.
        public var note: String?
    }

    public var modelPath: String
    public var upstream: String
    public var targets: [PlanTarget]
    public var replications: Int
    public var settings: PlanSettings
    public var directives: [Directive]
    public var reasons: [String]
    /// The evaluation at the recommended settings.
    public var prediction: PlanEvaluation
    /// Candidates simulated, in the order tried.
    public var candidatesTried: [PlanSettings]
    /// Their evaluations, in the same order.
    public var evaluations: [PlanEvaluation]
    public var modelSHA256: String
    /// The master seed the candidates ran with.
    public var seed: UInt64

    /// Metrics shown besides the targets'.
    public static let headlineMetrics = [
        "upstream_connections_per_1k", "upstream_reuse_ratio", "error_ratio", "stale_failures_retried", "stale_failures_surfaced",
        "latency_p50_ms", "latency_p99_ms", "upstream_peak_open", "upstream_peak_idle",
    ]

    /// The plan for people.
    public var text: String {
        var text = "Plan for \(modelPath), upstream \(upstream): " + targets.map(\.description).joined(separator: ", ") + "\n"
        text += "(\(replications) replications per candidate; a target is met when its whole 95% confidence interval is within it)\n\n"
        text += "nginx directives:\n" + directiveText + "\n"
        text += "Predicted at these settings (mean ± 95% confidence half-width):\n"
        var table = TextTable([TextTable.Column("metric", .left), TextTable.Column("predicted"), TextTable.Column("target", .left)])
        for row in predictionRows { table.append(row) }
        text += table.text() + "\nWhy:\n"
        text += reasons.map { "  " + $0 + "\n" }.joined()
        let unasked = unaskedMisses
        if !unasked.isEmpty {
            text += "\nNot asked for, but badly missed at these settings:\n" + unasked.map { "  - " + $0 + "\n" }.joined()
        }
        text += "\nCandidates simulated, in order: " + candidatesTried.map { candidate in
            "keepalive \(candidate.keepalive)" + (candidate.workers.map { " x \($0) worker\($0 == 1 ? "" : "s")" } ?? "")
        }.joined(separator: ", ") + "\n"
        return text
    }

    /// The targets' metrics, then the headline metrics: name, `mean ± half-width`, and the verdict on its target.
    public var predictionRows: [[String]] {
        var shown: [String] = []
        for target in targets where !shown.contains(target.metric) { shown.append(target.metric) }
        for metric in Self.headlineMetrics where !shown.contains(metric) { shown.append(metric) }
        return shown.map { metric in
            var verdict = ""
            if let index = targets.firstIndex(where: { $0.metric == metric }) {
                verdict = "<= \(targets[index].limitText)  " + (prediction.met[index] ? "met" : "MISSED")
            }
            return [metric, prediction.estimate(metric), verdict]
        }
    }

    /// The directives grouped by block, as they would appear in nginx.conf.
    public var directiveText: String {
        var text = ""
        var blocks: [String] = []
        for directive in directives where !blocks.contains(directive.block) { blocks.append(directive.block) }
        for block in blocks {
            let members = directives.filter { $0.block == block }
            let indent = block == "main" ? "  " : "      "
            if block != "main" { text += "  \(block) {\n" }
            for directive in members {
                text += indent + directive.text + (directive.note.map { "  # \($0)" } ?? "") + "\n"
            }
            if block != "main" { text += "  }\n" }
        }
        return text
    }
}
