/// `sweep --report FILE.html`: each summary metric against the varied
/// fields, with 95% confidence bands (the charts `--plot` draws), and the
/// table of means.
public struct SweepHTMLReport {
    public var table: SweepTable
    /// The metric asked for (`--metric`), drawn first.
    public var metric: String

    public init(table: SweepTable, metric: String) { self.table = table; self.metric = metric }

    /// The page, ending with a newline; an error when a chart cannot be drawn (a table with no rows).
    public func html() throws(ExperimentError) -> String {
        let header = table.header
        var page = HTMLPage(title: "KeepaliveLab sweep: \(header.model)")
        page.paragraph("\(header.command) · model SHA-256 \(header.modelSHA256) · seed \(header.seed) · "
            + "\(header.points) points x \(header.replications) replications", className: "provenance")
        let failures = table.failures
        if !failures.isEmpty {
            page.heading("Failed simulations")
            page.list(failures.prefix(20).map { "point \($0.point) replication \($0.replication): \($0.failure ?? "")" }
                + (failures.count > 20 ? ["... and \(failures.count - 20) more"] : []), className: "warnings")
        }
        page.heading("Metrics against the varied fields")
        for name in SweepTable.summaryMetricNames(metric) {
            page.figure(svg: try SweepChart(table, metric: name).svg,
                        caption: "Each point is the mean of \(header.replications) replications with common random numbers; "
                            + "the band is its 95% confidence interval. Points whose bands do not overlap differ by the "
                            + "settings, not by chance.")
        }
        page.heading("Means ± 95% confidence half-widths")
        let (columns, rows) = table.summaryCells(metric: metric)
        page.table(header: columns, rows: rows)
        return page.text
    }
}
