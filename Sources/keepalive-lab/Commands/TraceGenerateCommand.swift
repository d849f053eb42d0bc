import ProxyModel
import Randomness
import Scenario
import Traffic

/// `keepalive-lab trace generate MODEL`: the model's arrivals as a trace.
struct TraceGenerateCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "generate",
        abstract: "Write a model's arrivals, for its run duration, as a trace.",
        discussion: """
            Draws the model's open-loop traffic (rate, pattern, pages with their hosts) \
            with the same generators and named random streams as the simulator, for \
            run.duration, and writes one row per request: time, client, method, sizes, \
            the client's address, and the URI when the model has more than '/'. A page \
            load is requests_per_page rows at one instant, dealt over its hosts. A \
            model replaying a trace writes that trace's records (at its speed). A closed \
            loop has no arrival times of its own (each request waits for the previous \
            response): it is refused.

            Examples:
              keepalive-lab trace generate models/default.json5 --out default.csv
              keepalive-lab trace generate models/default.json5 --seed 7 | keepalive-lab trace inspect /dev/stdin
            """,
        options: [
            .outFile("TRACE.csv", holding: "the trace"),
            .modelSeed("Random seed"),
        ],
        arguments: [
            ArgumentDefinition(name: "model", valueName: "MODEL", help: "The scenario file (JSON5)."),
        ],
        command: TraceGenerateCommand.self
    )

    var modelPath: String
    var outPath: String
    var seed: UInt64?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        modelPath = arguments.string("model")
        outPath = arguments.stringIfPresent("out") ?? "-"
        seed = arguments.unsignedIntegerIfPresent("seed")
        try OutputPath.check(outPath, option: "--out", isNot: modelPath, what: "the model")
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        let model = try ModelLoading.loadScenario(modelPath, console: &console).model
        let traffic = model.traffic
        let end = Instant.zero + model.run.duration
        let pattern: RatePattern, spacing: ArrivalGenerator.Spacing, perArrival: Int
        switch traffic.source {
        case .openLoop(let p, let s): (pattern, spacing, perArrival) = (p, s, 1)
        case .pages(let p, let s, let n): (pattern, spacing, perArrival) = (p, s, n)
        case .closedLoop:
            throw CommandFailure("'\(modelPath)' has a closed-loop source: each request waits for the previous response, "
                + "so it has no arrival times to write; give the model a rate, pattern or pages")
        case .trace(let path):
            try OutputPaths(inputs: [("the model's trace", path)], outputs: [("--out", outPath)]).check()
            try copyTrace(path, speed: traffic.traceSpeed, end: end)
            return
        }
        let parameters = TraceGenerator.Parameters(
            pattern: pattern, spacing: spacing, requestsPerArrival: perArrival, hosts: traffic.hostsPerPage, clients: traffic.clients,
            mix: traffic.mix, uris: traffic.uris, uriWeights: traffic.uriWeights, clientAddresses: traffic.clientAddresses, end: end)
        var generator = TraceGenerator(parameters, seeds: SeedSequence(masterSeed: seed ?? model.run.seed))
        let sink = try TraceSink(path: outPath, writer: TraceFileWriter(columns: generator.writesURIs ? [.clientAddress, .uri] : [.clientAddress]))
        while let record = generator.next() { sink.write(record) }
        try sink.finish()
        console.err.writeLine("wrote \(sink.records) requests over \(model.run.duration.formatted())")
    }

    /// A model that replays a trace: its records as the simulation reads them (speed applied, up to the run's end).
    func copyTrace(_ path: String, speed: Double, end: Instant) throws(CommandFailure) {
        let sink = try TraceSink(path: outPath, writer: TraceFileWriter(columns: [.uri, .clientAddress, .observed]))
        do {
            let reader = try TraceFileReader(path: path, speed: speed)
            while let record = try reader.next(), record.time < end { sink.write(record) }
        } catch {
            sink.discard()
            throw CommandFailure(error.description)
        }
        try sink.finish()
    }
}
