import Measurement
import ProxyModel
import Scenario
import Simulation

/// `keepalive-lab bench model`: the whole simulator's speed on a fixed large scenario.
struct BenchModelCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "model",
        abstract: "Time the simulator on a fixed large scenario.",
        discussion: """
            Simulates 10,000 requests/s of Poisson arrivals through 4 nginx workers \
            with upstream keepalive 32 to 4 backends (the scenario is built in, so \
            results compare across versions) and prints simulated requests and kernel \
            events per wall-clock second, the peak resident memory (getrusage's \
            ru_maxrss) and the run's fingerprint. Memory should not grow with \
            --seconds: latencies go into histograms, not lists.

            Examples:
              keepalive-lab bench model
              keepalive-lab bench model --seconds 60 --format json
            """,
        options: [
            OptionDefinition(
                name: "seconds", valueName: "N", kind: .integer(1...maximumSeconds), defaultValue: "600",
                help: "Virtual seconds to simulate."),
            .benchmarkSeed,
            .benchmarkFormat,
        ],
        command: BenchModelCommand.self
    )

    /// A week of virtual time: far beyond any useful benchmark, well inside Int64 nanoseconds.
    static let maximumSeconds = 7 * 24 * 3600

    var seconds: Int
    var seed: UInt64
    var format: OutputFormat

    init(_ arguments: ParsedArguments) throws(UsageError) {
        seconds = arguments.integer("seconds")
        seed = arguments.unsignedInteger("seed")
        format = arguments.choice("format", as: OutputFormat.self)
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        let model: ScenarioModel
        do {
            model = try BenchmarkScenario.model(duration: .seconds(Int64(seconds)), seed: seed)
        } catch {
            preconditionFailure("programming error: the built-in benchmark scenario is invalid: \(error)")
        }
        let start = MonotonicClock.now()
        let result: Simulator.Result
        do {
            result = try Simulator.run(model)
        } catch {
            preconditionFailure("programming error: the built-in benchmark scenario cannot run: \(error)")
        }
        let elapsed = MonotonicClock.now() - start
        let report = BenchModelReport(
            virtualSeconds: seconds, seed: seed, requests: result.report.requests.sent,
            events: result.eventsDelivered, fingerprint: result.fingerprint.value,
            elapsed: elapsed, peakMemoryBytes: PeakMemory.residentBytes())
        switch format {
        case .text: console.out.write(report.text)
        case .json: console.out.writeLine(report.json)
        }
    }
}
