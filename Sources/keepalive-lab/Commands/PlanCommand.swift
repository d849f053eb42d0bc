import Experiments

/// `keepalive-lab plan MODEL`: the smallest pool (and, where the model leaves
/// them open, keepalive_timeout and worker count) that meets the targets.
struct PlanCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "plan",
        abstract: "Find the smallest upstream keepalive settings that meet targets, with the simulator.",
        discussion: """
            Searches the upstream's pool size (keepalive N, per worker): 1, 2, 4, ... until \
            every target is met, then bisection. Where the model does not write them, it \
            also chooses the upstream keepalive_timeout (below the backends' idle timeout, \
            so that nginx closes idle connections first) and worker_processes (the fewest \
            that meet the targets). Locations whose settings turn reuse off (proxy_http_version \
            1.0, Connection: close) are fixed first, and the fix is listed.

            Every candidate runs --replications independent replications with common random \
            numbers; a target is met when its whole 95% confidence interval is at or below it. \
            Targets: handshakes_per_1k (upstream connections opened per 1,000 requests), \
            error_rate (share of error responses), p50_ms, p90_ms, p99_ms, p999_ms, or any \
            metric of the sweep CSV. Without --target: handshakes_per_1k=10 and error_rate=0.

            Prints the directives for nginx.conf, the predicted numbers with confidence \
            intervals, and one line of reason per recommendation. Exits with status 1 and \
            an explanation when nothing within the search's limits meets every target.

            Examples:
              keepalive-lab plan models/default.json5
              keepalive-lab plan models/default.json5 --target handshakes_per_1k=5 --target p99_ms=25
            """,
        options: [
            OptionDefinition(
                name: "target", short: "t", valueName: "NAME=LIMIT", kind: .text, isRepeatable: true,
                help: "A metric and the most it may be, e.g. handshakes_per_1k=10, error_rate=0, p99_ms=25."),
            OptionDefinition(
                name: "upstream", short: "u", valueName: "NAME", kind: .text,
                help: "The upstream to plan, when the model has several."),
            OptionDefinition(
                name: "replications", short: "r", valueName: "R", kind: .integer(2...SweepCommand.maximumReplications),
                defaultValue: "5", help: "Independent replications per candidate."),
            .modelSeed("Master seed"),
            OptionDefinition(
                name: "jobs", short: "j", valueName: "J", kind: .integer(1...SweepCommand.maximumJobs),
                help: "Simulations run at once. (default: all cores)"),
            OptionDefinition(
                name: "max-keepalive", valueName: "N", kind: .integer(1...1_000_000), defaultValue: "1024",
                help: "The largest pool the search tries."),
            .htmlReport,
        ],
        arguments: [
            ArgumentDefinition(name: "model", valueName: "MODEL", help: "The scenario file (JSON5)."),
        ],
        command: PlanCommand.self
    )

    var modelPath: String
    var targets: [PlanTarget]
    var upstream: String?
    var replications: Int
    var seed: UInt64?
    var jobs: Int?
    var maximumKeepalive: Int
    var reportPath: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        modelPath = arguments.string("model")
        do {
            targets = try arguments.all("target").map { value throws(ExperimentError) in
                guard case .text(let text) = value else { preconditionFailure("--target holds text") }
                return try PlanTarget(parsing: text)
            }
        } catch {
            throw UsageError(error.message)
        }
        upstream = arguments.stringIfPresent("upstream")
        replications = arguments.integer("replications")
        seed = arguments.unsignedIntegerIfPresent("seed")
        jobs = arguments.integerIfPresent("jobs")
        maximumKeepalive = arguments.integer("max-keepalive")
        reportPath = try arguments.htmlReportPath()
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        let model = try ModelLoading.load(modelPath, console: &console)
        if let reportPath { try OutputPaths(inputs: [("the model file", modelPath)], outputs: [("--report", reportPath)]).check() }
        var status = StatusLine(console: console)
        let plan: CapacityPlan
        do throws(ExperimentError) {
            var planner = try CapacityPlanner(model: model, targets: targets, upstream: upstream, replications: replications, seed: seed)
            planner.maximumKeepalive = maximumKeepalive
            var tried = 0
            plan = try planner.plan(threads: jobs ?? SweepCommand.cores) { candidate in
                tried += 1
                status.show("plan: candidate \(tried): \(candidate)", console: &console)
            }
        } catch {
            status.clear(console: &console)
            throw CommandFailure(error.message)
        }
        status.clear(console: &console)
        console.out.write(plan.text)
        if let reportPath {
            let html: String
            do { html = try PlanHTMLReport(plan: plan).html() } catch { throw CommandFailure(error.message) }
            try TextFile.write(html, to: reportPath, console: &console)
            console.err.writeLine("keepalive-lab: wrote \(reportPath)")
        }
    }
}
