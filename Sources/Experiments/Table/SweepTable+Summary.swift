import Measurement

extension SweepTable {
    /// The metrics a summary shows besides the one asked for: what a pool's size decides.
    public static let summaryMetrics = ["upstream_connections_per_1k", "error_ratio", "latency_p99_ms"]

    /// A table for people: per grid point, the parameters and `mean ± half-width`
    /// of `metric` and the summary metrics.
    public func summary(metric: String) -> String {
        var shown = [metric]
        for name in Self.summaryMetrics where !shown.contains(name) { shown.append(name) }
        let columns = shown.compactMap { name in metricNames.firstIndex(of: name) }
        var table = TextTable(parameterNames.map { TextTable.Column($0) } + columns.map { TextTable.Column(metricNames[$0]) })
        for aggregate in aggregates {
            table.append(aggregate.parameterValues + columns.map { column in
                let mean = aggregate.meanTexts[column], halfWidth = aggregate.halfWidthTexts[column]
                if mean.isEmpty { return "-" }
                return halfWidth.isEmpty ? mean : "\(mean) ± \(halfWidth)"
            })
        }
        return table.text()
    }
}
