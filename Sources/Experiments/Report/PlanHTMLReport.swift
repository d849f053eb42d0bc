/// `plan --report FILE.html`: the recommended directives, the prediction,
/// the reasons, and each target's metric against the pool size over the
/// candidates the search simulated, with 95% confidence bands.
public struct PlanHTMLReport {
    public var plan: CapacityPlan

    public init(plan: CapacityPlan) { self.plan = plan }

    /// The page, ending with a newline.
    public func html() throws(ExperimentError) -> String {
        var page = HTMLPage(title: "KeepaliveLab plan: \(plan.modelPath), upstream \(plan.upstream)")
        page.paragraph("targets: " + plan.targets.map(\.description).joined(separator: ", ") + " · model SHA-256 "
            + "\(plan.modelSHA256) · seed \(plan.seed) · \(plan.replications) replications per candidate", className: "provenance")
        page.heading("nginx directives")
        page.preformatted(plan.directiveText)
        page.heading("Predicted at these settings")
        page.table(header: ["metric", "mean ± 95% half-width", "target"], rows: plan.predictionRows)
        page.heading("Why")
        page.list(plan.reasons)
        page.heading("Candidates")
        let table = poolTable
        var metrics: [String] = []
        for name in plan.targets.map(\.metric) + ["upstream_connections_per_1k", "latency_p99_ms"] where !metrics.contains(name) {
            metrics.append(name)
        }
        for metric in metrics {
            page.figure(svg: try SweepChart(table, metric: metric).svg,
                        caption: "The pool sizes the search simulated at the chosen keepalive_timeout and worker count; "
                            + "the recommendation is the smallest whose whole confidence band is within every target.")
        }
        return page.text
    }

    /// The candidates that differ from the recommendation only in the pool's
    /// size, as a sweep over `keepalive`, smallest first.
    var poolTable: SweepTable {
        let chosen = plan.settings
        let candidates = plan.evaluations
            .filter { $0.settings.keepaliveTimeout == chosen.keepaliveTimeout && $0.settings.workers == chosen.workers }
            .sorted { $0.settings.keepalive < $1.settings.keepalive }
        let field = "nginx.upstreams.\(plan.upstream).keepalive"
        var rows: [SweepRow] = []
        for (point, candidate) in candidates.enumerated() {
            for row in candidate.rows {
                rows.append(SweepRow(point: point, replication: row.replication, parameterValues: [String(candidate.settings.keepalive)],
                                     metricValues: row.metricValues, failure: row.failure))
            }
        }
        let header = SweepHeader(command: "keepalive-lab plan \(plan.modelPath)", model: plan.modelPath, modelSHA256: plan.modelSHA256,
                                 seed: plan.seed, replications: plan.replications,
                                 vary: [field + "=" + candidates.map { String($0.settings.keepalive) }.joined(separator: ",")],
                                 points: candidates.count)
        return SweepTable(header: header, parameterNames: [field], metricNames: ReportMetrics.names, rows: rows)
    }
}
