import Measurement
import Scenario
import Simulation

/// `keepalive-lab simulate MODEL`: runs one scenario on the virtual clock and prints its report.
struct SimulateCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "simulate",
        abstract: "Run a scenario on the virtual clock and report what nginx's pools do.",
        discussion: """
            Reads the model file, simulates clients, nginx workers with their upstream \
            keepalive caches, the network and the backends, and prints the report: the \
            headline numbers first (requests/s, latency percentiles, upstream connections \
            per 1,000 requests, reuse ratio, errors, stale-connection failures), then \
            per-worker and per-backend detail, then warnings. The same model and seed \
            print the same bytes on every run.

            --timeline draws the first N requests as a sequence diagram (client | nginx \
            worker | backend): each handshake, reuse, stale failure, retry and close. It \
            is printed before the table, or on standard error with --format json or csv \
            so that standard output stays machine-readable.

            Examples:
              keepalive-lab simulate models/default.json5
              keepalive-lab simulate models/default.json5 --seed 7 --format json
              keepalive-lab simulate models/default.json5 --timeline 5
              keepalive-lab simulate models/default.json5 --events run.jsonl
              keepalive-lab simulate models/default.json5 --print-model
            """,
        options: [
            .modelSeed("Random seed"),
            OptionDefinition(
                name: "format", short: "f", kind: ReportFormat.valueKind, defaultValue: ReportFormat.table.rawValue,
                help: "Output format."),
            OptionDefinition(
                name: "events", valueName: "FILE.jsonl", kind: .path,
                help: "Write every connection lifecycle event to FILE.jsonl, one JSON object per line."),
            OptionDefinition(
                name: "timeline", valueName: "N", kind: .integer(1...maximumTimelineRequests),
                help: "Draw the first N requests as a sequence diagram."),
            OptionDefinition(
                name: "replication", valueName: "R", kind: .unsignedInteger, defaultValue: "0",
                help: "Which independent replication of the seed to run."),
        ],
        flags: [
            FlagDefinition(name: "print-model", help: "Print the model with every default applied, and exit."),
        ],
        arguments: [
            ArgumentDefinition(name: "model", valueName: "MODEL", help: "The scenario file (JSON5)."),
        ],
        command: SimulateCommand.self
    )

    /// A timeline is for reading: beyond this many requests nobody will.
    static let maximumTimelineRequests = 10_000

    var modelPath: String
    var seed: UInt64?
    var format: ReportFormat
    var eventsPath: String?
    var timelineRequests: Int?
    var replication: UInt64
    var printModel: Bool
    var commandLine: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        modelPath = arguments.string("model")
        seed = arguments.unsignedIntegerIfPresent("seed")
        format = arguments.choice("format", as: ReportFormat.self)
        eventsPath = arguments.stringIfPresent("events")
        timelineRequests = arguments.integerIfPresent("timeline")
        replication = arguments.unsignedInteger("replication")
        printModel = arguments.flag("print-model")
        commandLine = arguments.commandLine
        if printModel {
            let running = [("--seed", seed != nil), ("--events", eventsPath != nil), ("--timeline", timelineRequests != nil)]
            if let option = running.first(where: { $0.1 })?.0 {
                throw UsageError("--print-model prints the model and runs nothing; it cannot be combined with \(option)")
            }
        }
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        let loaded = try load(console: &console)
        if printModel {
            console.out.write(loaded.canonical.hasSuffix("\n") ? loaded.canonical : loaded.canonical + "\n")
            return
        }
        var model = loaded.model
        if let seed { model.run.seed = seed }

        var inputs: [OutputPaths.Named] = [("the model file", modelPath)]
        if case .trace(let tracePath) = model.traffic.source { inputs.append(("the model's trace", tracePath)) }
        try OutputPaths(inputs: inputs, outputs: eventsPath.map { [("--events", $0)] } ?? []).check()
        let eventLog = try eventsPath.map { path throws(CommandFailure) in try EventLogWriter(path: path) }
        let timeline = timelineRequests.map { TimelineRecorder(requestLimit: $0) }
        let observers: [any LifecycleObserver] = [eventLog as (any LifecycleObserver)?, timeline].compactMap { $0 }
        let result: Simulator.Result
        do {
            result = try Simulator.run(model, replication: replication, modelSHA256: loaded.sha256, command: commandLine,
                                       observer: LifecycleFanOut.combining(observers))
        } catch {
            throw CommandFailure("cannot simulate '\(modelPath)': \(error)")
        }
        try eventLog?.finish()

        if let timeline {
            let diagram = TimelineDiagram(requestLimit: Int(timeline.requestLimit),
                                          events: timeline.events,
                                          backendNames: model.backends.map { "\($0.name) \($0.address)" })
            if format == .table {
                console.out.write(diagram.text + "\n")
            } else {
                console.err.write(diagram.text)
            }
        }
        let report = result.report
        switch format {
        case .table: console.out.write(report.table)
        case .json: console.out.write(report.jsonText)
        case .csv: console.out.write(report.csv)
        }
        // The partial report is out; the run still failed.
        if let stop = result.earlyStop { throw CommandFailure(stop.message) }
    }

    /// The model file, or its problems on standard error and a failure.
    private func load(console: inout Console) throws(CommandFailure) -> LoadedScenario {
        do {
            return try ScenarioLoader.load(path: modelPath)
        } catch {
            // One problem is the error message itself; several are listed first, then summed up.
            guard error.items.count > 1 else { throw CommandFailure(error.description) }
            console.err.writeLine(error.description)
            throw CommandFailure("cannot simulate '\(modelPath)': the model has \(error.items.count) problems (listed above)")
        }
    }
}
