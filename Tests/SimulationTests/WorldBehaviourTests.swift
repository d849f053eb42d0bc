import Testing
import ProxyModel
import Randomness
import Scenario
import Simulation

/// Whole-path behaviours of the simulated world.
@Suite struct WorldBehaviourTests {
    /// The interactive response time law: N closed-loop connections with
    /// think time Z and response time R complete X = N / (R + Z) requests per second.
    @Test func closedLoopThroughputFollowsTheResponseTimeLaw() throws {
        var o = TestScenarios.Options()
        o.source = .closedLoop(connections: 50, thinkTimeMs: .constant(10))
        let result = try Simulator.audited(TestScenarios.model(o))
        let r = result.report
        let responseSeconds = try #require(r.latencyFromSend.mean) / 1000
        let expected = 50 / (responseSeconds + 0.010)
        #expect(abs(r.requests.completedPerSecond - expected) / expected < 0.01, "X = \(r.requests.completedPerSecond), N/(R+Z) = \(expected)")
        #expect(result.audit.violations.isEmpty)
    }

    @Test func withoutReuseTimeWaitOnNginxExhaustsThePortsAndNewConnectionsFail() throws {
        var o = TestScenarios.Options()
        o.version = .debianBookworm
        o.keepalive = nil
        o.rate = 1_000
        o.duration = .seconds(90)
        o.warmup = .zero
        let r = try Simulator.audited(TestScenarios.model(o)).report
        #expect(r.timeWait.proxyPeak == 28_232)
        #expect(r.timeWait.portExhaustionFailures > 0)
        #expect(r.requests.byStatus.contains { $0.name == "502" })
        #expect(r.warnings.contains { $0.contains("TIME_WAIT on nginx reaches 28232 of 28232") })
    }

    /// nginx gives up on a slow request (proxy_read_timeout) and closes the
    /// connection; the backend, which does not notice until it writes, still
    /// finishes the request and then frees its worker. A worker must not stay
    /// busy for ever because the connection it served is gone.
    @Test func aRequestNginxAbandonsStillFreesItsBackendWorkerWhenServed() throws {
        var o = TestScenarios.Options()
        o.backendWorkers = 1
        o.cpuMs = .constant(50)
        o.readTimeout = .milliseconds(10)
        o.rate = 5
        o.spacing = .evenlySpaced
        let result = try Simulator.audited(TestScenarios.model(o))
        let r = result.report
        #expect(r.requests.byStatus.contains { $0.name == "504" })
        let backend = try #require(r.backends.first)
        // Every request holds the one worker for 50 ms: 5/s x 50 ms = 25% busy.
        #expect(abs(backend.utilisation - 0.25) < 0.01, "utilisation \(backend.utilisation)")
        #expect(backend.meanQueueWaitMs < 1, "queue wait \(backend.meanQueueWaitMs) ms")
        #expect(result.audit.violations.isEmpty, "\(result.audit.violations)")
    }

    @Test func tooFewWorkerConnectionsAnswer500AndEndClientKeepalive() throws {
        var o = TestScenarios.Options()
        o.workerConnections = 40
        o.rate = 500
        o.clients = 100
        o.cpuMs = .constant(50)
        let result = try Simulator.audited(TestScenarios.model(o))
        let r = result.report
        #expect(r.requests.byStatus.contains { $0.name == "500" })
        #expect(r.client.closedByReason.contains { $0.name == "error_response" })
        #expect(result.audit.violations.isEmpty, "\(result.audit.violations)")
    }

    @Test func aBusyWorkerDelaysRequestsAndReportsItsLoad() throws {
        var o = TestScenarios.Options()
        o.rate = 2_000
        o.proxyCosts = ProxyCPUCosts(request: .microseconds(200), response: .microseconds(200))
        let slow = try Simulator.audited(TestScenarios.model(o)).report
        o.proxyCosts = ProxyCPUCosts()
        let free = try Simulator.audited(TestScenarios.model(o)).report
        let busy = try #require(slow.workers.first?.busyFraction)
        #expect(abs(busy - 0.8) < 0.02, "busy \(busy), expected 2,000/s x 400 us = 0.8")
        #expect(try #require(slow.latency.p99) > #require(free.latency.p99) + 1)
    }

    @Test func tlsHandshakesAddTheirRoundTripsToNewConnections() throws {
        var o = TestScenarios.Options()
        o.keepalive = 0
        o.clientToProxy = LinkSpec(oneWay: .milliseconds(10), tls: .tls13)
        o.proxyToBackend = LinkSpec(oneWay: .milliseconds(1), tls: .tls12)
        let r = try Simulator.audited(TestScenarios.model(o)).report
        // Reused client connection (10 ms), new upstream TLS 1.2 connection
        // (1 RTT TCP + 2 RTT TLS = 6 ms, then 1 ms), 1 ms service, 1 + 10 ms back.
        #expect(abs(try #require(r.latency.p50) - 29.0) <= 29.0 / 1024, "p50 \(r.latency.p50 ?? -1) (histogram precision 1/1024)")
        // Each upstream request pays 6 ms of handshakes.
        #expect(abs(r.upstream.handshakeSecondsPerSecond - 100 * 0.006) < 0.05)
    }
}
