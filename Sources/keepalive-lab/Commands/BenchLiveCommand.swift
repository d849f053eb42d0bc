import Foundation
import Live
import ProxyModel
import Scenario

/// `keepalive-lab bench live`: the live rig's speed — the load generator
/// alone against a backend, then through the built-in proxy and through real
/// nginx, each with 1 worker and upstream keepalive, the same traffic.
struct BenchLiveCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "live",
        abstract: "Measure the live rig: load generator, built-in proxy and real nginx, requests per second.",
        discussion: """
            Runs a closed loop (like wrk: --connections connections, each sending its next \
            request when the previous response is in; 100-byte responses; a backend with \
            no service time) for --seconds, --runs times per target, and prints the median \
            requests per second of each target and the built-in proxy's rate relative to \
            nginx's. Targets: the backend directly (the load generator's ceiling), the \
            built-in proxy with 1 worker and keepalive 64, and real nginx with the same \
            configuration (skipped when no nginx is found). When wrk is on PATH, wrk -t1 \
            against the backend directly is run too, for the load generator's rate \
            relative to wrk's. Everything shares this machine's cores: run it on an \
            otherwise idle machine.

            Examples:
              keepalive-lab bench live
              keepalive-lab bench live --seconds 10 --runs 5 --connections 64
            """,
        options: [
            OptionDefinition(name: "seconds", valueName: "N", kind: .integer(1...600), defaultValue: "5",
                             help: "Seconds of traffic per run."),
            OptionDefinition(name: "runs", valueName: "N", kind: .integer(1...50), defaultValue: "3",
                             help: "Runs per target; the median is reported."),
            OptionDefinition(name: "connections", valueName: "N", kind: .integer(1...10_000), defaultValue: "32",
                             help: "Client connections of the closed loop."),
            OptionDefinition(name: "nginx", valueName: "PATH", kind: .path,
                             help: "The nginx binary (default: nginx on PATH, then /usr/sbin/nginx)."),
            .benchmarkFormat,
        ],
        command: BenchLiveCommand.self
    )

    var seconds: Int
    var runs: Int
    var connections: Int
    var nginxBinary: String?
    var format: OutputFormat

    init(_ arguments: ParsedArguments) throws(UsageError) {
        seconds = arguments.integer("seconds")
        runs = arguments.integer("runs")
        connections = arguments.integer("connections")
        nginxBinary = arguments.stringIfPresent("nginx")
        format = arguments.choice("format", as: OutputFormat.self)
    }

    /// The benchmark's model: 1 worker, keepalive 64, a backend that answers at once.
    func modelText() -> String {
        """
        {
          nginx: {
            version: "1.22.1",
            worker_processes: 1,
            worker_connections: 16384,
            upstreams: { app: { servers: [{ address: "10.0.0.1:8080" }], keepalive: 64 } },
            locations: { "/": { proxy_pass: "app", proxy_http_version: "1.1", proxy_set_header_connection: "" } },
          },
          backends: { app: { workers: 64, service: { cpu: "0s" } } },
          network: { client_proxy: { one_way: "0s" }, proxy_backend: { one_way: "0s" } },
          traffic: { closed_loop: { connections: \(connections) }, response_bytes: { constant: 100 }, request_bytes: { constant: 0 } },
          run: { duration: "\(seconds)s", warmup: "0s", seed: 1 },
        }
        """
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        let bench = try BuiltInLiveModel(modelText(), name: "bench-live")
        defer { bench.remove() }
        let plan = bench.plan
        var report = BenchLiveReport(seconds: seconds, runs: runs, connections: connections)
        report.direct = try (0..<runs).map { _ throws(CommandFailure) in try directRate(plan) }
        report.builtin = try (0..<runs).map { _ throws(CommandFailure) in try rate(bench.model, plan: plan, proxy: .builtin) }
        if nginxBinary != nil || NginxBinary.find() != nil {
            let settings = NginxRun.Settings(modelPath: bench.path, binary: nginxBinary, keepDirectory: nil)
            report.nginx = try (0..<runs).map { _ throws(CommandFailure) in try rate(bench.model, plan: plan, proxy: .nginx(settings)) }
        }
        if let wrk = Self.findWrk() { report.wrk = try (0..<runs).map { _ throws(CommandFailure) in try wrkRate(wrk, plan) } }
        switch format {
        case .text: console.out.write(report.text)
        case .json: console.out.writeLine(report.json)
        }
    }

    private func rate(_ model: ScenarioModel, plan: LiveRigPlan, proxy: LiveRig.Proxy) throws(CommandFailure) -> BenchLiveReport.Run {
        let result = try LiveRig.run(model, plan: plan, proxy: proxy)
        return .init(requestsPerSecond: Double(result.generator.responses) / max(1e-9, result.elapsed.seconds),
                     p50Milliseconds: result.generator.latencyFromActualSend.percentile(50).map { Double($0) / 1e6 })
    }

    /// The load generator straight at a backend: no proxy in between.
    private func directRate(_ plan: LiveRigPlan) throws(CommandFailure) -> BenchLiveReport.Run {
        do {
            let backends = try LiveBackendGroup.start(plan.backends)
            defer { backends.stop() }
            let loop = try EventLoop()
            defer { loop.close() }
            let generator = try LoadGenerator(configuration: plan.generator(target: backends.addresses[0]), loop: loop)
            let start = loop.now
            generator.start()
            while !generator.isFinished { try loop.runOnce(blocking: true) }
            return .init(requestsPerSecond: Double(generator.result.responses) / max(1e-9, (loop.now - start).seconds),
                         p50Milliseconds: generator.result.latencyFromActualSend.percentile(50).map { Double($0) / 1e6 })
        } catch {
            throw CommandFailure("the direct run failed: \(error)")
        }
    }

    static func findWrk() -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/wrk" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// wrk -t1 against a backend of the same model: wrk's own "Requests/sec".
    private func wrkRate(_ wrk: String, _ plan: LiveRigPlan) throws(CommandFailure) -> BenchLiveReport.Run {
        let backends: LiveBackendGroup
        do { backends = try LiveBackendGroup.start(plan.backends) } catch { throw CommandFailure("cannot start the backend: \(error)") }
        defer { backends.stop() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = ["-t1", "-c\(connections)", "-d\(seconds)s", "-H", "X-Response-Bytes: 100",
                             "http://\(backends.addresses[0])/"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw CommandFailure("cannot run \(wrk): \(error.localizedDescription)") }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
              let value = Double(line.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces)) else {
            throw CommandFailure("wrk printed no Requests/sec line:\n\(output)")
        }
        return .init(requestsPerSecond: value, p50Milliseconds: nil)
    }
}
