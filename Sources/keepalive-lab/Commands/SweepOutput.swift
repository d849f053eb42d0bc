import Experiments

/// What `sweep` and `sweep merge` write: the CSV (and chart) to files, the
/// summary table to standard output, where they went to standard error.
enum SweepOutput {
    static func write(_ table: SweepTable, to outPath: String?, plot plotPath: String?, metric: String,
                      console: inout Console) throws(CommandFailure) {
        let path = outPath ?? SweepFiles.defaultPath(model: table.header.model, shard: table.header.shard)
        try TextFile.write(table.csv, to: path, console: &console)
        if let plotPath {
            let chart: SweepChart
            do { chart = try SweepChart(table, metric: metric) } catch { throw CommandFailure(error.message) }
            try TextFile.write(chart.svg, to: plotPath, console: &console)
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
    }
}
