import Experiments

/// `keepalive-lab sweep merge PARTS...`: the shards' parts joined into one CSV.
struct SweepMergeCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "merge",
        abstract: "Join the parts written by 'sweep --shard' into the CSV one machine would have written.",
        discussion: """
            Checks that the parts come from one sweep (same command, model, seed and \
            replications), that every shard 1/N to N/N is there once and that no \
            simulation is missing, then writes the replication rows in grid order and \
            the means and confidence half-widths: byte for byte the CSV of the same \
            sweep run on one machine.

            Examples:
              keepalive-lab sweep merge notebooks-data/default-sweep.part-*.csv
              keepalive-lab sweep merge parts/*.csv --out notebooks-data/pool.csv --plot notebooks-data/pool.svg
            """,
        options: [
            .sweepOut,
            OptionDefinition(
                name: "plot", valueName: "FILE.svg", kind: .path,
                help: "Also draw --metric against the first varied field, as SVG."),
            .htmlReport,
            .sweepMetric,
        ],
        flags: ChartScaleFlags.definitions,
        arguments: [
            ArgumentDefinition(name: "parts", valueName: "PARTS", isRepeating: true, help: "The parts' CSV files, in any order."),
        ],
        command: SweepMergeCommand.self
    )

    /// The most one part may hold: 1,000,000 rows of a wide sweep, about
    /// 256 bytes each. Parts are read whole, and `/dev/zero` must not be.
    static let maximumPartBytes = 256 << 20

    var parts: [String]
    var outPath: String?
    var plotPath: String?
    var yScale: ChartYScale
    var reportPath: String?
    var metric: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        parts = arguments.all("parts").map { value in
            guard case .path(let path) = value else { preconditionFailure("PARTS are paths") }
            return path
        }
        outPath = arguments.stringIfPresent("out")
        plotPath = arguments.stringIfPresent("plot")
        yScale = try ChartScaleFlags.scale(arguments, plotting: plotPath != nil)
        reportPath = try arguments.htmlReportPath()
        metric = arguments.string("metric")
        do { try ReportMetrics.check(metric) } catch { throw UsageError(error.message) }
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        var tables: [(file: String, table: SweepTable)] = []
        for path in parts {
            let text = try TextFile.read(path, limit: Self.maximumPartBytes, what: "a sweep part")
            do {
                tables.append((path, try SweepTable(parsingCSV: text, file: path)))
            } catch {
                throw CommandFailure(error.message)
            }
        }
        let merged: SweepTable
        do { merged = try SweepMerge.merge(tables) } catch { throw CommandFailure(error.message) }
        try SweepOutput.write(merged, to: outPath, plot: plotPath, yScale: yScale, report: reportPath, metric: metric,
                              inputs: parts.map { ("an input part", $0) }, console: &console)
        // Failed simulations in the parts fail the merge as they failed the sweep: same file, same exit status.
        try SweepCommand.reportFailures(merged.failures, of: merged.rows.count, console: &console)
    }
}
