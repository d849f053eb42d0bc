import Foundation
import Testing

/// `replay` and `compare` as a user runs them: real sockets on loopback,
/// bounded runs, every process gone afterwards.
@Suite(.serialized) struct ReplayCommandTests {
    /// One second of 100 requests/s through 1 worker with upstream keepalive.
    static let quickModel = """
        {
          nginx: {
            version: "1.22.1",
            worker_processes: 1,
            upstreams: { app: { servers: [{ address: "10.0.0.1:8080" }], keepalive: 8 } },
            locations: { "/": { proxy_pass: "app", proxy_http_version: "1.1", proxy_set_header_connection: "" } },
          },
          backends: { app: { workers: 4, service: { cpu: "1ms" } } },
          traffic: { rate: 100, clients: 4 },
          run: { duration: "DURATION", warmup: "0s", seed: 5 },
        }
        """

    static func model(duration: String = "1s", replacing: [(String, String)] = []) throws -> TestModelFile {
        var text = quickModel.replacingOccurrences(of: "DURATION", with: duration)
        for (old, new) in replacing { text = text.replacingOccurrences(of: old, with: new) }
        return try TestModelFile(contents: text)
    }

    @Test func replayPrintsTheSharedReportInReplayMode() throws {
        let model = try Self.model()
        defer { model.remove() }
        let run = try ToolRun.run(["replay", model.path, "--format", "json"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("\"mode\": \"replay\""))
        #expect(run.standardOutput.contains("\"upstream\""))
    }

    @Test func compareSetsTheSimulationAndTheMeasurementSideBySide() throws {
        let model = try Self.model()
        defer { model.remove() }
        let run = try ToolRun.run(["compare", model.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("simulated vs replayed through the built-in proxy"))
        let opened = run.standardOutput.split(separator: "\n").first { $0.contains("upstream_connections_opened") }
        #expect(opened != nil, "\(run.standardOutput)")
        #expect(run.standardOutput.contains("replay notes:"))
    }

    @Test func nginxOptionsWithTheBuiltInProxyAreAUsageError() throws {
        let model = try Self.model()
        defer { model.remove() }
        let run = try ToolRun.run(["replay", model.path, "--nginx", "/usr/sbin/nginx"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("--nginx is for --proxy nginx"))
    }

    @Test func aMissingNginxBinaryIsAClearError() throws {
        let model = try Self.model()
        defer { model.remove() }
        let run = try ToolRun.run(["replay", model.path, "--proxy", "nginx", "--nginx", "/nonexistent/nginx"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("--nginx /nonexistent/nginx: not an executable file"))
    }

    @Test func trafficTheRigCannotSendIsRefusedBeforeAnythingStarts() throws {
        let model = try Self.model(replacing: [("traffic: { rate: 100, clients: 4 }",
                                                "traffic: { closed_loop: { connections: 2, think_time: { exponential: { mean: \"10ms\" } } } }")])
        defer { model.remove() }
        let run = try ToolRun.run(["replay", model.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("constant think time"), "\(run.standardError)")
    }

    @Test func http2ClientsAreRefusedByReplayAndCompare() throws {
        let model = try Self.model(replacing: [("worker_processes: 1,", "worker_processes: 1, http2: true,"),
                                               ("clients: 4 }", "clients: 4, client_protocol: \"h2\" }")])
        defer { model.remove() }
        for command in ["replay", "compare"] {
            let run = try ToolRun.run([command, model.path])
            #expect(run.status == 1, "\(command): \(run.standardError)")
            #expect(run.standardError.contains("traffic.client_protocol: replay's load generator and built-in proxy speak HTTP/1.1 only"),
                    "\(command): \(run.standardError)")
        }
    }

    @Test func ctrlCStopsAReplayAndPrintsWhatWasMeasured() throws {
        let model = try Self.model(duration: "60s")
        defer { model.remove() }
        let out = model.directory.appendingPathComponent("out.txt").path
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        let process = Process()
        process.executableURL = ToolRun.executableURL
        process.arguments = ["replay", model.path]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        let err = model.directory.appendingPathComponent("err.txt").path
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        // Wait until the tool says it is replaying, then a little traffic.
        let started = Date().addingTimeInterval(20)
        while process.isRunning, Date() < started,
              !((try? String(contentsOfFile: err, encoding: .utf8)) ?? "").contains("Ctrl-C stops it") {
            usleep(10_000)
        }
        usleep(500_000)
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 130)
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        #expect(text.contains("interrupted (Ctrl-C)"), "\(text)")
    }

    @Test func tooFewFileDescriptorsGiveAClearMessageNotACrash() throws {
        // 48 descriptors for 200 client connections, the proxy's and the backend's:
        // connects and accepts fail with EMFILE; the run must end with a report or a clear error.
        // A 2 s drain: connections stuck in the accept queue end the run at its bound.
        let model = try Self.model(replacing: [("traffic: { rate: 100, clients: 4 }", "traffic: { closed_loop: { connections: 200 } }"),
                                               ("warmup: \"0s\"", "warmup: \"0s\", drain: \"2s\"")])
        defer { model.remove() }
        let run = try BoundedToolRun.run(["replay", model.path], in: model.directory.path, bound: 30, fileDescriptors: 48)
        #expect(run.outcome == .exited(0), "\(run.outcome): \(run.standardError)")
    }

    @Test func calibrateWritesCostsAModelCanInclude() throws {
        let model = try Self.model(replacing: [("{\n  nginx: {", "{\n  calibration: \"calibration.json5\",\n  nginx: {")])
        defer { model.remove() }
        let calibration = model.directory.appendingPathComponent("calibration.json5").path
        // --like: the runs emulate a model's links and backend timers, as a replay of it does.
        let like = try Self.model()
        defer { like.remove() }
        let run = try ToolRun.run(["calibrate", "--seconds", "1", "--like", like.path, "--out", calibration])
        #expect(run.status == 0, "\(run.standardError)")
        let text = (try? String(contentsOfFile: calibration, encoding: .utf8)) ?? ""
        #expect(text.contains("accept:") && text.contains("relative error of the fit"), "\(text)")
        // The rig's own load generator and backends, and the machine, are measured too.
        #expect(text.contains("load_generator: { cpu_per_request:") && text.contains("backend_server_cpu: { connection:"), "\(text)")
        #expect(text.contains("host: { cores: \(ProcessInfo.processInfo.activeProcessorCount), wake_up_latency:"), "\(text)")
        let printed = try ToolRun.run(["simulate", model.path, "--print-model"])
        #expect(printed.status == 0, "\(printed.standardError)")
        #expect(printed.standardOutput.contains("cpu: {") && printed.standardOutput.contains("server_cpu: {"), "\(printed.standardOutput)")
    }

    @Test func replayMeasuresAProxyTheUserRunsServedByServe() throws {
        let model = try Self.model(duration: "5s")
        defer { model.remove() }
        // A port base unlikely to be taken: the proxy on it, the backends just above.
        let base = 20_000 + Int(getpid() % 20_000)
        let serve = Process()
        serve.executableURL = ToolRun.executableURL
        serve.arguments = ["serve", model.path, "--role", "proxy", "--port-base", "\(base)", "--for", "10s"]
        let out = model.directory.appendingPathComponent("serve.txt").path
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        serve.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        let err = model.directory.appendingPathComponent("serve-err.txt").path
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        serve.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try serve.run()
        defer { if serve.isRunning { kill(serve.processIdentifier, SIGKILL) }; serve.waitUntilExit() }
        // Until the proxy listens (serve says so).
        let started = Date().addingTimeInterval(20)
        while serve.isRunning, Date() < started,
              !((try? String(contentsOfFile: err, encoding: .utf8)) ?? "").contains("serving for") {
            usleep(10_000)
        }
        let run = try ToolRun.run(["replay", model.path, "--proxy", "127.0.0.1:\(base)", "--port-base", "\(base)",
                                   "--duration", "1s", "--format", "json"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("\"mode\": \"replay\""))
        kill(serve.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(10)
        while serve.isRunning, Date() < deadline { usleep(20_000) }
        #expect(serve.terminationStatus == 130)
        let served = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        #expect(served.contains("built-in proxy:") && !served.contains(" 0 requests"), "\(served)")
    }

    @Test func aProxyThatIsNeitherAKindNorAnAddressIsAUsageError() throws {
        let model = try Self.model()
        defer { model.remove() }
        let run = try ToolRun.run(["replay", model.path, "--proxy", "localhost"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("expected builtin, nginx, or a proxy's IPv4 HOST:PORT"))
        let base = try ToolRun.run(["replay", model.path, "--port-base", "19000"])
        #expect(base.status == 64)
        #expect(base.standardError.contains("--port-base is for --proxy HOST:PORT"))
    }
}
