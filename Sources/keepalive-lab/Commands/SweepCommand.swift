import Experiments
import Foundation
import Scenario

/// `keepalive-lab sweep MODEL --vary PATH=VALUES ...`: a what-if grid over
/// model fields, with replications and confidence intervals.
struct SweepCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "sweep",
        abstract: "Run a model over a grid of settings, with replications and confidence intervals.",
        discussion: """
            Each --vary names a field of the model file by its path and lists the \
            values it takes; the grid is every combination (the first --vary changes \
            slowest). Values: 8,16,32; ranges 1..64x2 (1, 2, 4, ..., 64) and 10..100+10; \
            durations 1s..10s+1s; strings such as node-20; quote a value to keep it a \
            string ('1.3'), write objects as JSON5 ({constant: "1ms"}). Every value is \
            checked against the model before anything runs.

            Replication r of every grid point uses the same random streams (common \
            random numbers), independent of the other replications, so differences \
            between points are the settings' doing. The CSV (default: notebooks-data/, \
            columns documented in notebooks-data/README.md) has one row per point and \
            replication, then the mean and 95% confidence half-width per point. It is \
            byte-identical for any --jobs. The table on standard output shows the means.

            A big sweep can be spread over the jobs of a batch system: --shard I/N \
            runs every N-th simulation (the I-th slice) and writes a part; \
            'keepalive-lab sweep merge' joins the parts into the very CSV one machine \
            would have written. --shard auto reads the index from a Kubernetes Indexed \
            Job (JOB_COMPLETION_INDEX, with --shard-count or KEEPALIVE_LAB_SHARD_COUNT) \
            or a Slurm job array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT).

            Examples:
              keepalive-lab sweep models/default.json5 --vary nginx.upstreams.api.keepalive=1..64x2
              keepalive-lab sweep models/default.json5 --vary nginx.upstreams.api.keepalive=4,8,16,32 \\
                  --vary nginx.worker_processes=2,4,8 --plot notebooks-data/pool.svg --metric upstream_connections_per_1k
              keepalive-lab sweep models/default.json5 --vary traffic.rate=500..3000+500 --shard auto
              keepalive-lab sweep merge notebooks-data/default-sweep.part-*.csv
            """,
        options: [
            OptionDefinition(
                name: "vary", valueName: "PATH=VALUES", kind: .text, isRepeatable: true,
                help: "A model field and its values, e.g. nginx.upstreams.api.keepalive=8,16,32."),
            OptionDefinition(
                name: "replications", short: "r", valueName: "R", kind: .integer(1...maximumReplications),
                help: "Independent replications per grid point. (default: the model's run.replications if above 1, else \(Sweep.defaultReplications))"),
            .modelSeed("Master seed"),
            OptionDefinition(
                name: "jobs", short: "j", valueName: "J", kind: .integer(1...maximumJobs),
                help: "Simulations run at once. (default: all cores)"),
            .sweepOut,
            OptionDefinition(
                name: "plot", valueName: "FILE.svg", kind: .path,
                help: "Also draw --metric against the first varied field, one line per value of the second, as SVG."),
            .htmlReport,
            .sweepMetric,
            OptionDefinition(
                name: "shard", valueName: "I/N|auto", kind: .text,
                help: "Run only the I-th of N interleaved slices and write its part; auto reads a batch job's index."),
            OptionDefinition(
                name: "shard-count", valueName: "N", kind: .integer(1...maximumShards),
                help: "With --shard auto in a Kubernetes Indexed Job: the Job's completions."),
        ],
        flags: ChartScaleFlags.definitions,
        arguments: [
            ArgumentDefinition(name: "model", valueName: "MODEL", help: "The scenario file (JSON5)."),
        ],
        subcommands: [
            SweepMergeCommand.definition,
        ],
        command: SweepCommand.self
    )

    static let defaultMetric = "latency_p99_ms"
    static let maximumReplications = 10_000
    static let maximumJobs = 4096
    static let maximumShards = 1_000_000

    var modelPath: String
    var vary: [String]
    var replications: Int?
    var seed: UInt64?
    var jobs: Int?
    var outPath: String?
    var plotPath: String?
    var yScale: ChartYScale
    var reportPath: String?
    var metric: String
    var shard: ShardRequest?
    var shardCount: Int?

    /// `--shard I/N` or `--shard auto`.
    enum ShardRequest: Sendable {
        case given(Shard)
        case fromBatchEnvironment
    }

    init(_ arguments: ParsedArguments) throws(UsageError) {
        modelPath = arguments.string("model")
        vary = arguments.all("vary").map { value in
            guard case .text(let text) = value else { preconditionFailure("--vary holds text") }
            return text
        }
        replications = arguments.integerIfPresent("replications")
        seed = arguments.unsignedIntegerIfPresent("seed")
        jobs = arguments.integerIfPresent("jobs")
        outPath = arguments.stringIfPresent("out")
        plotPath = arguments.stringIfPresent("plot")
        yScale = try ChartScaleFlags.scale(arguments, plotting: plotPath != nil)
        reportPath = try arguments.htmlReportPath()
        metric = arguments.string("metric")
        shardCount = arguments.integerIfPresent("shard-count")
        if vary.isEmpty {
            throw UsageError("give at least one --vary PATH=VALUES, e.g. --vary nginx.upstreams.api.keepalive=8,16,32")
        }
        // The value lists do not depend on the model: a range that cannot be expanded is a usage error.
        for text in vary {
            let parameter: SweepParameter
            do {
                parameter = try SweepParameter(parsing: text, model: JSON5Value(.object([])))
            } catch {
                throw UsageError(error.message)
            }
            if let problem = Sweep.problem(varying: parameter.path) { throw UsageError(problem) }
        }
        do {
            try ReportMetrics.check(metric)
            switch arguments.stringIfPresent("shard") {
            case nil: shard = nil
            case "auto": shard = .fromBatchEnvironment
            case let text?: shard = .given(try Shard(parsing: text))
            }
        } catch {
            throw UsageError(error.message)
        }
        if shardCount != nil, case .given? = shard {
            throw UsageError("--shard-count goes with --shard auto; --shard I/N already names the count")
        }
        if shardCount != nil, shard == nil { throw UsageError("--shard-count goes with --shard auto") }
        for (option, path) in [("--plot", plotPath), ("--report", reportPath)] where path != nil && shard != nil {
            throw UsageError("a shard's part holds a slice of the grid: \(option) goes with the merged parts "
                + "(keepalive-lab sweep merge PARTS... \(option) FILE)")
        }
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        let model = try ModelLoading.load(modelPath, console: &console)
        let sweep: Sweep
        let shard: Shard?
        do {
            let parameters = try vary.map { text throws(ExperimentError) in try SweepParameter(parsing: text, model: model.root) }
            var built = try Sweep(model: model, grid: try SweepGrid(parameters), replications: replications, seed: seed)
            built.command = reproducingCommand(built)
            sweep = built
            shard = try resolveShard()
        } catch {
            throw CommandFailure(error.message)
        }
        // Before hours of simulation, not after: the CSV or chart must not replace the model or each other.
        let inputs: [OutputPaths.Named] = [("the model file", modelPath)]
        try SweepOutput.checkPaths(out: outPath, plot: plotPath, report: reportPath, model: sweep.model.path, shard: shard,
                                   inputs: inputs)
        let tasks = sweep.tasks(in: shard)
        do { try sweep.checkSize(of: tasks) } catch { throw CommandFailure(error.message) }
        if let shard, tasks.isEmpty {
            console.err.writeLine("keepalive-lab: note: shard \(shard) has no simulations: the sweep has only \(sweep.taskCount)")
        }
        var progress = ProgressBar(label: shard.map { "sweep \($0)" } ?? "sweep",
                                   points: tasks.distinctPointCount(replications: sweep.replications),
                                   perPoint: sweep.replications, console: console)
        let rows: [SweepRow]
        do {
            rows = try sweep.run(tasks: tasks, threads: jobs ?? Self.cores) { finished in progress.update(finished, console: &console) }
        } catch {
            throw CommandFailure(error.message)
        }
        progress.finish(console: &console)

        let table = sweep.table(rows, shard: shard)
        try SweepOutput.write(table, to: outPath, plot: plotPath, yScale: yScale, report: reportPath, metric: metric, inputs: inputs,
                              console: &console)
        try Self.reportFailures(table.failures, of: rows.count, console: &console)
    }

    /// Simulations that could not run are in the CSV (row_type `failed`, the
    /// reason in the comment above); the rest of the grid ran. Lists the first
    /// few and fails, so that a script notices.
    static func reportFailures(_ failures: [SweepRow], of total: Int, console: inout Console) throws(CommandFailure) {
        guard !failures.isEmpty else { return }
        let shown = 5
        for row in failures.prefix(shown) {
            console.err.writeLine("keepalive-lab: point \(row.point) replication \(row.replication) failed: \(row.failure ?? "")")
        }
        if failures.count > shown { console.err.writeLine("keepalive-lab: ... and \(failures.count - shown) more failed simulations") }
        throw CommandFailure("\(failures.count) of \(total) simulations failed (rows with row_type 'failed' in the CSV); "
            + "the other \(total - failures.count) ran and are written")
    }

    /// The command that reproduces the CSV: the model, every --vary, and the
    /// replications and seed in force; not --jobs, --out or --shard, which change nothing in it.
    private func reproducingCommand(_ sweep: Sweep) -> String {
        var words = ["sweep", modelPath]
        for parameter in sweep.grid.parameters { words += ["--vary", parameter.option] }
        words += ["--replications", String(sweep.replications), "--seed", String(sweep.seed)]
        return (["keepalive-lab"] + words.map(ShellQuoting.quoted)).joined(separator: " ")
    }

    private func resolveShard() throws(ExperimentError) -> Shard? {
        switch shard {
        case nil: return nil
        case .given(let shard)?: return shard
        case .fromBatchEnvironment?: return try Shard.fromBatchEnvironment(ProcessInfo.processInfo.environment, count: shardCount)
        }
    }

    /// Cores this process may use (the CPU affinity mask and cgroup limits included).
    static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
