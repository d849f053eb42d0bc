import ProxyModel
import Simulation

/// `keepalive-lab bench kernel`: the event kernel's speed on the classic hold model.
struct BenchKernelCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "kernel",
        abstract: "Time the event kernel on the classic hold model.",
        discussion: """
            The hold model keeps P events pending: each processed event schedules one \
            new event at now + Exp(mean 1 s), so the queue size stays P while the \
            virtual clock advances. It measures the cost of one event (pop, draw, push) \
            with no model around it. The run stops after N events, or earlier when the \
            virtual clock passes --until. The fingerprint summarises the processed \
            events: equal seeds give equal fingerprints on every machine.

            Examples:
              keepalive-lab bench kernel
              keepalive-lab bench kernel --pending 100000 --events 10000000 --format json
            """,
        options: [
            OptionDefinition(
                name: "pending", short: "p", valueName: "P", kind: .integer(1...maximumPending), defaultValue: "10000",
                help: "Events kept pending in the queue."),
            OptionDefinition(
                name: "events", short: "n", valueName: "N", kind: .integer(atLeast: 1), defaultValue: "5000000",
                help: "Events to process."),
            OptionDefinition(
                name: "until", valueName: "DURATION", kind: .duration,
                help: "Stop when the virtual clock passes this time, e.g. 90s or 1h30m. (default: none)"),
            .benchmarkSeed,
            .benchmarkFormat,
        ],
        command: BenchKernelCommand.self
    )

    /// The queue holds every pending event in memory: about 65 bytes each at
    /// its peak (650 MiB for 10,000,000, measured with ru_maxrss; 100,000,000
    /// needed over 6 GiB). Beyond this the run would exhaust a small machine's
    /// memory rather than measure anything.
    static let maximumPending = 10_000_000

    var pending: Int
    var events: Int
    var until: TimeSpan?
    var seed: UInt64
    var format: OutputFormat

    init(_ arguments: ParsedArguments) throws(UsageError) {
        // Ranges (pending >= 1, events >= 1) are checked by the parser from the definition.
        pending = arguments.integer("pending")
        events = arguments.integer("events")
        until = arguments.durationIfPresent("until")
        seed = arguments.unsignedInteger("seed")
        format = arguments.choice("format", as: OutputFormat.self)
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        let limit = until.map { Instant.zero + $0 }
        let start = MonotonicClock.now()
        let outcome = HoldModel.run(pending: pending, events: events, until: limit, seed: seed)
        let elapsed = MonotonicClock.now() - start
        let report = BenchKernelReport(
            pending: pending, until: until, seed: seed, eventsProcessed: outcome.eventsProcessed,
            finalTime: outcome.finalTime, fingerprint: outcome.fingerprint, elapsed: elapsed)
        switch format {
        case .text: console.out.write(report.text)
        case .json: console.out.writeLine(report.json)
        }
    }
}
