import Experiments

/// What `sweep` and `sweep merge` write: the CSV (and chart) to files, the
/// summary table to standard output, where they went to standard error.
enum SweepOutput {
    /// Writes the CSV, chart and HTML report, after checking that none is one of `inputs` or another.
    static func write(_ table: SweepTable, to outPath: String?, plot plotPath: String?, yScale: ChartYScale,
                      report reportPath: String? = nil, metric: String, inputs: [OutputPaths.Named],
                      console: inout Console) throws(CommandFailure) {
        let path = csvPath(outPath, model: table.header.model, shard: table.header.shard)
        try checkPaths(out: outPath, plot: plotPath, report: reportPath, model: table.header.model, shard: table.header.shard,
                       inputs: inputs)
        try TextFile.write(table.csv, to: path, console: &console)
        if let plotPath {
            let chart: SweepChart
            do { chart = try SweepChart(table, metric: metric, yScale: yScale) } catch { throw CommandFailure(error.message) }
            try TextFile.write(chart.svg, to: plotPath, console: &console)
        }
        if let reportPath {
            let html: String
            do { html = try SweepHTMLReport(table: table, metric: metric).html() } catch { throw CommandFailure(error.message) }
            try TextFile.write(html, to: reportPath, console: &console)
        }
        guard path != "-" else { return }
        if table.header.shard == nil {
            console.out.write(table.summary(metric: metric))
        }
        let runs = table.rows.count
        console.err.writeLine("keepalive-lab: wrote \(path): \(runs) simulation\(runs == 1 ? "" : "s")"
            + (table.header.shard.map { " (shard \($0) of \(table.header.points) points x \(table.header.replications) replications)" }
                ?? " (\(table.header.points) points x \(table.header.replications) replications)"))
        if let plotPath { console.err.writeLine("keepalive-lab: wrote \(plotPath)") }
        if let reportPath { console.err.writeLine("keepalive-lab: wrote \(reportPath)") }
    }

    /// `--out`, or the default file in `notebooks-data/`.
    static func csvPath(_ outPath: String?, model: String, shard: Shard?) -> String {
        outPath ?? SweepFiles.defaultPath(model: model, shard: shard)
    }

    /// Refuses a CSV, chart or report path that is an input (the model, a part) or another output.
    static func checkPaths(out outPath: String?, plot plotPath: String?, report reportPath: String? = nil, model: String,
                           shard: Shard?, inputs: [OutputPaths.Named]) throws(CommandFailure) {
        var outputs: [OutputPaths.Named] = [(outPath == nil ? "the CSV" : "--out", csvPath(outPath, model: model, shard: shard))]
        if let plotPath { outputs.append(("--plot", plotPath)) }
        if let reportPath { outputs.append(("--report", reportPath)) }
        try OutputPaths(inputs: inputs, outputs: outputs).check()
    }
}
