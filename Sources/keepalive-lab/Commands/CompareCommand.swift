import Measurement
import Scenario
import Simulation

/// `keepalive-lab compare MODEL`: `simulate` and `replay` of the same model
/// and seed, side by side.
struct CompareCommand: RunnableCommand {
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

            Examples:
              keepalive-lab compare models/default.json5
              keepalive-lab compare models/default.json5 --proxy nginx
              keepalive-lab compare models/default.json5 --format csv
            """,
        options: LiveRunOptions.definitions + [
            OptionDefinition(
                name: "format", short: "f", kind: .choice(["table", "csv"]), defaultValue: "table",
                help: "Output format: an aligned table, or CSV rows (metric, simulated, measured, relative_difference)."),
        ],
        arguments: [
            ArgumentDefinition(name: "model", valueName: "MODEL", help: "The scenario file (JSON5)."),
        ],
        command: CompareCommand.self
    )

    var modelPath: String
    var live: LiveRunOptions
    var csv: Bool
    var commandLine: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        modelPath = arguments.string("model")
        live = try LiveRunOptions(arguments)
        csv = arguments.choice("format", as: CompareFormat.self) == .csv
        commandLine = arguments.commandLine
    }

    private enum CompareFormat: String { case table, csv }

    func run(_ console: inout Console) throws(CommandFailure) {
        var loaded = try ModelLoading.loadScenario(modelPath, console: &console)
        loaded.model = live.applied(to: loaded.model)
        loaded.model.run.warmup = .zero
        let simulated: RunReport
        do {
            let result = try Simulator.run(loaded.model, modelSHA256: loaded.sha256, command: commandLine)
            if let stop = result.earlyStop { throw CommandFailure("cannot compare '\(modelPath)': the simulation stopped: \(stop.message)") }
            simulated = result.report
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("cannot simulate '\(modelPath)': \(error)")
        }
        let (measured, interrupted) = try live.replay(loaded, modelPath: modelPath, command: commandLine, console: &console)
        let table = ComparisonTable(simulated: simulated, measured: measured)
        if csv {
            console.out.write(table.csv)
            if interrupted { throw .interrupted }
            return
        }
        let label = live.proxy.label
        console.out.write("\(modelPath), seed \(loaded.model.run.seed): simulated vs replayed through the \(label) proxy\n")
        console.out.write(table.text(measuredLabel: label))
        if !measured.warnings.isEmpty {
            console.out.write("\nreplay notes:\n")
            for warning in measured.warnings { console.out.write("  - \(warning)\n") }
        }
        if interrupted { throw .interrupted }
    }
}
