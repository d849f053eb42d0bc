import Experiments
import Measurement
import Scenario
import Simulation

/// `keepalive-lab compare MODEL`: `simulate` and `replay` of the same model
/// and seed, side by side; with `--seeds M` and `--repeat N`, as distributions.
struct CompareCommand: RunnableCommand {
    /// The most live runs one comparison repeats: each takes the model's run.duration of real time.
    static let maximumRepeats = 100

    static let definition = CommandDefinition(
        name: "compare",
        abstract: "Simulate a model and replay it through real sockets; print both side by side.",
        discussion: """
            Runs the model on the virtual clock and through the live rig (see `replay`) \
            with the same seed, and prints one row per metric: simulated, measured, and \
            the difference relative to the simulated value. Both sides measure the whole \
            run: the model's run.warmup is set to 0 for the comparison, since the live \
            rig counts connections from the first request.

            Counts of connections and errors are what the model is for, and should agree \
            closely with the built-in proxy (it runs the simulator's own nginx code); \
            against real nginx (--proxy nginx) they show where the model and nginx part. \
            Requests per second and latency also depend on this machine's CPU, which the \
            simulation does not see unless the model's costs say so.

            One real run varies with the machine's load. --seeds M simulates M \
            independent replications of the seed (as sweep's --replications: replication \
            0 is simulate's run) and --repeat N replays the model N times, each a fresh rig \
            (backends, load generator and proxy started anew: real nginx is restarted, so \
            every run begins with empty keepalive caches and its own split of client \
            connections across workers, as a single run does); run r sends the traffic of \
            replication r (r modulo M). The table then gives each metric's median and range \
            (min..max) on both sides, whether the medians agree within the metric's \
            tolerance (new_connection_fraction ±0.1, completed_per_second and \
            latency_p50_ms ±15%, latency_p99_ms ±25%, error_ratio ±0.001) and whether the \
            ranges overlap. --format markdown prints those verdict metrics as Markdown rows \
            headed by the model's name, real runs first, so several models' rows stack \
            under one header.

            Examples:
              keepalive-lab compare models/default.json5
              keepalive-lab compare models/default.json5 --proxy nginx
              keepalive-lab compare models/default.json5 --format csv
              keepalive-lab compare models/small-pools/w1-keepalive2-c32.json5 --proxy nginx --repeat 5 --seeds 10
            """,
        options: LiveRunOptions.definitions + [
            OptionDefinition(
                name: "repeat", short: "n", valueName: "N", kind: .integer(1...maximumRepeats), defaultValue: "1",
                help: "Replay the model N times, each through a fresh rig."),
            OptionDefinition(
                name: "seeds", valueName: "M", kind: .integer(1...SweepCommand.maximumReplications), defaultValue: "1",
                help: "Simulate M independent replications of the seed."),
            OptionDefinition(
                name: "jobs", short: "j", valueName: "J", kind: .integer(1...SweepCommand.maximumJobs),
                help: "Simulations run at once; the output is the same for any J. (default: all cores)"),
            OptionDefinition(
                name: "format", short: "f", kind: .choice(CompareFormat.allCases.map(\.rawValue)), defaultValue: "table",
                help: "Output format: an aligned table, CSV rows (metric, simulated, measured, relative_difference; "
                    + "with --seeds or --repeat above 1 also the ranges and verdicts), or Markdown rows of the verdict metrics."),
        ],
        arguments: [
            ArgumentDefinition(name: "model", valueName: "MODEL", help: "The scenario file (JSON5)."),
        ],
        command: CompareCommand.self
    )

    var modelPath: String
    var live: LiveRunOptions
    var format: CompareFormat
    var repeats: Int
    var seeds: Int
    var jobs: Int?
    var commandLine: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        modelPath = arguments.string("model")
        live = try LiveRunOptions(arguments)
        format = arguments.choice("format", as: CompareFormat.self)
        repeats = arguments.integer("repeat")
        seeds = arguments.integer("seeds")
        jobs = arguments.integerIfPresent("jobs")
        commandLine = arguments.commandLine
    }

    enum CompareFormat: String, CaseIterable { case table, csv, markdown }

    /// One simulation and one run print today's single-run comparison.
    var isSingleRun: Bool { repeats == 1 && seeds == 1 }

    func run(_ console: inout Console) throws(CommandFailure) {
        var loaded = try ModelLoading.loadScenario(modelPath, console: &console)
        loaded.model = live.applied(to: loaded.model)
        loaded.model.run.warmup = .zero
        let simulated = try simulate(loaded)
        var measured: [RunReport] = []
        var interrupted = false
        for index in 0..<repeats where !interrupted {
            let replication = UInt64(index % seeds)
            let run = try live.replay(loaded, modelPath: modelPath, command: commandLine, replication: replication,
                                      run: repeats > 1 ? (index + 1, repeats) : nil, console: &console)
            measured.append(run.report)
            interrupted = run.interrupted
        }
        write(simulated: simulated, measured: measured, seed: loaded.model.run.seed, console: &console)
        if interrupted { throw .interrupted }
    }

    /// Replications 0..<seeds of the model, in replication order.
    private func simulate(_ loaded: LoadedScenario) throws(CommandFailure) -> [RunReport] {
        let results: [Simulator.Result]
        do {
            results = try Replications.run(loaded.model, count: seeds, threads: jobs ?? SweepCommand.cores,
                                           modelSHA256: loaded.sha256, command: commandLine)
        } catch {
            throw CommandFailure("cannot simulate '\(modelPath)'\(replicationText(error.replication)): \(error.error)")
        }
        for (replication, result) in results.enumerated() {
            if let stop = result.earlyStop {
                throw CommandFailure("cannot compare '\(modelPath)': the simulation\(replicationText(replication)) stopped: \(stop.message)")
            }
        }
        return results.map(\.report)
    }

    private func replicationText(_ replication: Int) -> String { seeds > 1 ? " (replication \(replication))" : "" }

    private func write(simulated: [RunReport], measured: [RunReport], seed: UInt64, console: inout Console) {
        let label = live.proxy.label
        if format == .markdown {
            console.out.write(DistributionTable(simulated: simulated, measured: measured)
                .markdown(caseName: Lesson.name(ofPath: modelPath), measuredLabel: label))
            return
        }
        if isSingleRun, let simulated = simulated.first, let measured = measured.first {
            let table = ComparisonTable(simulated: simulated, measured: measured)
            if format == .csv { return console.out.write(table.csv) }
            console.out.write("\(modelPath), seed \(seed): simulated vs replayed through the \(label) proxy\n")
            console.out.write(table.text(measuredLabel: label))
        } else {
            let table = DistributionTable(simulated: simulated, measured: measured)
            if format == .csv { return console.out.write(table.csv) }
            let replications = seeds > 1 ? " (replications 0-\(seeds - 1))" : ""
            console.out.write("\(modelPath), seed \(seed): \(simulated.count) simulation\(simulated.count == 1 ? "" : "s")\(replications) "
                + "vs \(measured.count) run\(measured.count == 1 ? "" : "s") through the \(label) proxy; median and range (min..max)\n")
            console.out.write(table.text(measuredLabel: label))
        }
        // Each note once, in the order the runs first gave it.
        var notes: [String] = []
        for warning in measured.flatMap(\.warnings) where !notes.contains(warning) { notes.append(warning) }
        if !notes.isEmpty {
            console.out.write("\nreplay notes:\n")
            for note in notes { console.out.write("  - \(note)\n") }
        }
    }
}
