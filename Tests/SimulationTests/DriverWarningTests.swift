import Testing
import Foundation
import Measurement
import Scenario
import Simulation

/// The warnings that say what drove a result (issue 15): each with the run's
/// own counts, once per upstream or backend definition, never once per server.
@Suite struct DriverWarningTests {
    /// A model file's text with `nginx` (inside the braces), `backends` and `traffic` sections filled in.
    static func model(nginx: String = "", backends: String, traffic: String, run: String = "{ duration: \"10s\", warmup: \"1s\" }") -> String {
        """
        {
          nginx: {
            version: "1.29.7", worker_processes: 2,
            upstreams: { app: { servers: [{ address: "10.0.0.1:8080" }, { address: "10.0.0.2:8080" }, { address: "10.0.0.3:8080" }] } },
            locations: { "/": { proxy_pass: "app" } },
            \(nginx)
          },
          backends: { app: \(backends) },
          traffic: \(traffic),
          run: \(run),
        }
        """
    }

    static func report(_ text: String) throws -> RunReport {
        let loaded = try ScenarioLoader.load(file: "warnings.json5", bytes: Array(text.utf8))
        let result = try Simulator.audited(loaded.model)
        #expect(result.audit.violations.isEmpty, "\(result.audit.violations)")
        return result.report
    }

    static func count(_ list: [NamedCount], _ name: String) -> UInt64 { list.first { $0.name == name }?.count ?? 0 }

    // MARK: Client-side queueing

    @Test func requestsWaitingForTheirClientsConnectionNameTheCauseAndTheFields() throws {
        // 2 clients with one connection each; 5 ms per request and 300 requests/s: each connection is busy 75% of the time.
        let report = try Self.report(Self.model(
            backends: "{ workers: 64, service: { cpu: { constant: \"5ms\" } } }",
            traffic: "{ rate: 300, clients: 2, connections_per_client: 1 }"))
        let warning = try #require(report.warnings.first { $0.hasPrefix("clients queued ") }, "\(report.warnings)")
        #expect(report.client.queuedForConnection > 0)
        #expect(warning.contains("clients queued \(NumberText.grouped(report.client.queuedForConnection)) requests"))
        #expect(warning.contains("traffic.clients 2 x traffic.connections_per_client 1 allow 2 connections"))
        let p99 = try #require(report.latency.p99), p99FromSend = try #require(report.latencyFromSend.p99)
        #expect(warning.contains("p99 is \(NumberText.fixed(p99, fractionDigits: 1)!) ms from the intended send vs "
            + "\(NumberText.fixed(p99FromSend, fractionDigits: 1)!) ms from the actual send"))
    }

    @Test func clientsWithConnectionsToSpareGetNoQueueingWarning() throws {
        let report = try Self.report(Self.model(
            backends: "{ workers: 64, service: { cpu: { constant: \"5ms\" } } }",
            traffic: "{ rate: 300, clients: 2, connections_per_client: 100 }"))
        #expect(report.client.queuedForConnection == 0)
        #expect(!report.warnings.contains { $0.hasPrefix("clients queued ") }, "\(report.warnings)")
    }

    // MARK: Backends saturated in bursts

    @Test func backendsSaturatedDuringBurstsAreWarnedOnceWithPeakSecondAndMean() throws {
        // 2 workers x 2 ms = 1,000 requests/s per instance; bursts of 3,000/s over 3 instances for 1 s in 5.
        let report = try Self.report(Self.model(
            backends: "{ workers: 2, service: { cpu: { constant: \"2ms\" } } }",
            traffic: "{ pattern: { bursty: { base_rate: 100, burst_rate: 3000, burst_length: \"1s\", period: \"5s\" } }, "
                + "clients: 2000, connections_per_client: 6 }",
            run: "{ duration: \"21s\", warmup: \"1s\" }"))
        let warnings = report.warnings.filter { $0.contains(" was saturated ") }
        #expect(warnings.count == 1, "one warning for the three instances of app: \(report.warnings)")
        let warning = try #require(warnings.first)
        #expect(warning.hasPrefix("backend app (3 instances) was saturated (at least 90% of its 2 workers busy) in "))
        for backend in report.backends {
            #expect(backend.secondsMeasured == 20)
            #expect(backend.utilisation < 0.5)
            #expect((backend.peakSecondUtilisation ?? 0) >= 0.9)
            #expect(backend.saturatedSeconds >= 3)
        }
        let busiest = try #require(report.backends.max { $0.saturatedSeconds < $1.saturatedSeconds })
        #expect(warning.contains("in \(busiest.saturatedSeconds) of 20 seconds on its busiest instance (\(busiest.address))"))
        #expect(warning.contains("though its mean utilisation is \(NumberText.percent(busiest.utilisation))"))
        #expect(report.table.contains("  peak 1s  "))
    }

    @Test func steadyModerateLoadIsNotCalledSaturated() throws {
        let report = try Self.report(Self.model(
            backends: "{ workers: 2, service: { cpu: { constant: \"2ms\" } } }",
            traffic: "{ rate: 600, clients: 2000, connections_per_client: 6, spacing: \"even\" }"))
        #expect(!report.warnings.contains { $0.contains(" was saturated ") }, "\(report.warnings)")
        #expect(report.backends.allSatisfy { $0.saturatedSeconds == 0 && ($0.peakSecondUtilisation ?? 1) < 0.5 })
    }

    // MARK: Stale connections, with the run's figures

    @Test func staleConnectionWarningGivesTheRunsIdleClosesAndRacesOncePerBackend() throws {
        // node-20 closes idle connections after 6 s, before nginx's 60 s: 2 requests/s leave connections idle that long.
        let report = try Self.report(Self.model(
            backends: "{ profile: \"node-20\", service: { cpu: { constant: \"1ms\" } } }",
            traffic: "{ rate: 2, clients: 10, methods: { GET: 1, POST: 1 } }",
            run: "{ duration: \"600s\", warmup: \"1s\" }"))
        let warnings = report.warnings.filter { $0.contains("stale-connection races") }
        #expect(warnings.count == 1, "\(report.warnings)")
        let warning = try #require(warnings.first)
        let idleCloses = report.backends.reduce(UInt64(0)) { $0 + Self.count($1.closedByReason, "backend_idle_timeout") }
        let retried = report.upstream.staleFailuresRetried, surfaced = report.upstream.staleFailuresSurfaced
        #expect(idleCloses > 0)
        #expect(report.backends.reduce(UInt64(0)) { $0 + $1.staleFailuresRetried } == retried)
        #expect(report.backends.reduce(UInt64(0)) { $0 + $1.staleFailuresSurfaced } == surfaced)
        #expect(warning.hasPrefix("backend app (3 instances) closes idle connections after 6s, before nginx's upstream keepalive_timeout 1m"))
        #expect(warning.contains("in this run it closed \(NumberText.grouped(idleCloses)) idle connections, "
            + "\(NumberText.grouped(retried + surfaced)) request\(retried + surfaced == 1 ? "" : "s") met one "
            + "(\(retried) retried, \(surfaced) answered with an error)"), "\(warning)")
        #expect(warning.hasSuffix("set keepalive_timeout in upstream app below 6s"))
    }

    @Test func staleConnectionWarningSaysWhenNoIdleCloseHappened() throws {
        // 200 requests/s over 3 s: no connection sits idle for 6 s.
        let report = try Self.report(Self.model(
            backends: "{ profile: \"node-20\", service: { cpu: { constant: \"1ms\" } } }",
            traffic: "{ rate: 200, clients: 10 }", run: "{ duration: \"3s\", warmup: \"1s\" }"))
        let warning = try #require(report.warnings.first { $0.contains("stale-connection races") })
        #expect(warning.contains("in this run no connection sat idle that long (0 idle closes), so none happened"))
    }

    // MARK: nginx's CPU by default

    @Test func withoutNginxCPUTheMeasuredDefaultsApplyAndAWorkerCanSaturate() throws {
        let text = Self.model(
            nginx: "worker_processes: 1,",
            backends: "{ workers: 1000, service: { cpu: { constant: \"1ms\" } } }",
            traffic: "{ rate: 95000, clients: 200, connections_per_client: 2, spacing: \"even\" }",
            run: "{ duration: \"2s\", warmup: \"1s\" }").replacingOccurrences(of: "worker_processes: 2,", with: "")
        let loaded = try ScenarioLoader.load(file: "cpu.json5", bytes: Array(text.utf8))
        #expect(loaded.model.proxyCosts == .nginxDefault)
        #expect(loaded.canonical.contains("// default (nginx's measured CPU per event; all zero for an infinitely fast proxy)"))
        let report = try Simulator.audited(loaded.model).report
        let worker = try #require(report.workers.first)
        #expect(worker.busyFraction >= 0.9)
        #expect(report.warnings.contains { $0.hasPrefix("nginx worker 0 is busy ") && $0.hasSuffix("it is saturated") }, "\(report.warnings)")
    }

    @Test func nginxCPUWrittenAllZeroIsAnInfinitelyFastProxy() throws {
        let report = try Self.report(Self.model(
            nginx: "cpu: { accept: \"0s\", connect: \"0s\", request: \"0s\", response: \"0s\", close: \"0s\", tls_handshake: \"0s\" },",
            backends: "{ workers: 64, service: { cpu: { constant: \"1ms\" } } }",
            traffic: "{ rate: 1000, clients: 100 }", run: "{ duration: \"2s\", warmup: \"1s\" }"))
        #expect(report.workers.allSatisfy { $0.busyFraction == 0 })
    }

    // MARK: The bundled bursty model (README's example)

    @Test func bundledBurstyModelWarnsOfRacesClientQueueingAndBurstSaturationOnceEach() throws {
        let path = ClaimScenarioTests.directory.deletingLastPathComponent().appendingPathComponent("bursty-gunicorn.json5").path
        let report = try Simulator.audited(ScenarioLoader.load(path: path).model).report
        for start in ["backend app (3 instances) closes idle connections after 2s", "clients queued ",
                      "backend app (3 instances) was saturated "] {
            #expect(report.warnings.filter { $0.hasPrefix(start) }.count == 1, "\(start): \(report.warnings)")
        }
        #expect(report.backends.allSatisfy { $0.utilisation < 0.4 && ($0.peakSecondUtilisation ?? 0) > 0.9 })
    }
}
