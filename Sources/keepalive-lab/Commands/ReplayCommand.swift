import Measurement
import Scenario

/// `keepalive-lab replay MODEL`: the model's traffic through real sockets on
/// loopback — load generator, proxy (built-in or real nginx), emulated backends.
struct ReplayCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "replay",
        abstract: "Send the model's traffic through real sockets and report what was measured.",
        discussion: """
            Starts the model's backends on loopback (each behaves as the model says: idle \
            timeout and its real close moment, max requests, FIN or RST, service time, \
            errors), a proxy, and a load generator that sends the model's traffic from the \
            same seed: the same intended send times, methods and sizes as `simulate`. The \
            run takes the model's run.duration in real time (plus a drain of at most 60 s); \
            Ctrl-C stops it, prints what was measured so far and exits 130.

            --proxy builtin (the default) runs nginx's model itself on real sockets: the \
            NginxWorker machine the simulator drives, one thread per worker process. \
            --proxy nginx exports the model as nginx.conf, starts real nginx with it, \
            and reads its access and error logs into the report.

            The report has the shape of `simulate`'s (mode "replay"). Loopback has no \
            network delay and real time varies: the warnings say what the replay does \
            not reproduce. `compare` prints a replay next to the simulation.

            Examples:
              keepalive-lab replay models/default.json5
              keepalive-lab replay models/default.json5 --proxy nginx --format json
            """,
        options: LiveRunOptions.definitions + [
            OptionDefinition(
                name: "format", short: "f", kind: ReportFormat.valueKind, defaultValue: ReportFormat.table.rawValue,
                help: "Output format."),
        ],
        arguments: [
            ArgumentDefinition(name: "model", valueName: "MODEL", help: "The scenario file (JSON5)."),
        ],
        command: ReplayCommand.self
    )

    var modelPath: String
    var live: LiveRunOptions
    var format: ReportFormat
    var commandLine: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        modelPath = arguments.string("model")
        live = try LiveRunOptions(arguments)
        format = arguments.choice("format", as: ReportFormat.self)
        commandLine = arguments.commandLine
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        let loaded = try ModelLoading.loadScenario(modelPath, console: &console)
        let (report, interrupted) = try live.replay(loaded, modelPath: modelPath, command: commandLine, console: &console)
        switch format {
        case .table: console.out.write(report.table)
        case .json: console.out.write(report.jsonText)
        case .csv: console.out.write(report.csv)
        }
        if interrupted { throw .interrupted }
    }
}
