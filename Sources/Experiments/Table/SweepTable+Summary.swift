import Measurement

extension SweepTable {
    /// The metrics a summary shows besides the one asked for: what a pool's size decides.
    public static let summaryMetrics = ["upstream_connections_per_1k", "error_ratio", "latency_p99_ms"]

    /// A table for people: per grid point, the parameters and `mean ± half-width`
    /// of `metric` and the summary metrics.
    public func summary(metric: String) -> String {
        let (header, rows) = summaryCells(metric: metric)
        var table = TextTable(header.map { TextTable.Column($0) })
        for row in rows { table.append(row) }
        return table.text()
    }

    /// `metric` followed by the summary metrics, without repeats.
    static func summaryMetricNames(_ metric: String) -> [String] {
        var shown = [metric]
        for name in summaryMetrics where !shown.contains(name) { shown.append(name) }
        return shown
    }

    /// The summary's column titles and cells (`12.34 ± 0.56`, `-` when nothing was measured).
    func summaryCells(metric: String) -> (header: [String], rows: [[String]]) {
        let columns = Self.summaryMetricNames(metric).compactMap { name in metricNames.firstIndex(of: name) }
        let rows = aggregates.map { aggregate in
            aggregate.parameterValues + columns.map { column in
                let mean = aggregate.meanTexts[column], halfWidth = aggregate.halfWidthTexts[column]
                if mean.isEmpty { return "-" }
                return halfWidth.isEmpty ? mean : "\(mean) ± \(halfWidth)"
            }
        }
        return (parameterNames + columns.map { metricNames[$0] }, rows)
    }
}
