import Measurement
import ProxyModel
import Scenario
import Simulation
import Testing

/// Overload as the kernel does it (issue 13, item 5): full accept queues drop
/// SYNs, clients retransmit them after 1 s, 3 s, 7 s..., and the report says
/// which limit was hit.
@Suite struct ListenQueueOverloadTests {
    /// Without upstream keepalive every request opens a connection to a
    /// backend of one slow worker (10 ms, 100/s) at 300 requests/s: new
    /// connections pile up unaccepted.
    static func saturatedBackend(backlog: Int, connectTimeout: TimeSpan? = nil) -> TestScenarios.Options {
        var o = TestScenarios.Options()
        o.keepalive = nil
        o.version = .debianBookworm
        o.backendWorkers = 1
        o.cpuMs = .constant(10)
        o.rate = 300
        o.spacing = .evenlySpaced
        o.backendListenBacklog = .connections(backlog)
        o.connectTimeout = connectTimeout
        o.duration = .seconds(20)
        o.warmup = .seconds(1)
        return o
    }

    @Test func aBackendWhoseAcceptQueueIsFullDropsSYNsAndNginxRetransmitsThem() throws {
        let result = try Simulator.audited(TestScenarios.model(Self.saturatedBackend(backlog: 16)))
        let r = result.report
        #expect(result.audit.violations.isEmpty, "\(result.audit.violations)")
        #expect(r.overload.listenOverflows.map(\.name) == ["app 10.0.0.1:8080"])
        #expect(r.overload.totalListenOverflows > 0)
        #expect(r.overload.synRetransmits > 0)
        #expect(r.overload.limitsHit.contains { $0.contains("backend app (10.0.0.1:8080) listen queue (backlog 16)") }, "\(r.overload.limitsHit)")
        #expect(r.warnings.contains { $0.hasPrefix("overload: backend app") })
    }

    @Test func aDroppedSYNOutlastingProxyConnectTimeoutGives504() throws {
        let r = try Simulator.audited(TestScenarios.model(Self.saturatedBackend(backlog: 16, connectTimeout: .milliseconds(500)))).report
        #expect(r.requests.count(status: "504") > 0)
        #expect(r.requests.errorCauses.contains { $0.name == "connect_timeout" && $0.count > 0 })
    }

    @Test func whenTheKernelGivesUpAfterTheLastSYNRetransmissionNginxAnswers502() throws {
        // 2 s per request at 5/s, a queue of 2, and a connect timeout longer than the kernel's 127 s.
        var o = Self.saturatedBackend(backlog: 1, connectTimeout: .seconds(200))
        o.cpuMs = .constant(2_000)
        o.rate = 5
        o.duration = .seconds(200)
        let r = try Simulator.audited(TestScenarios.model(o)).report
        #expect(r.requests.errorCauses.contains { $0.name == "connect_failed_timed_out" && $0.count > 0 }, "\(r.requests.errorCauses)")
        #expect(r.requests.count(status: "502") > 0)
    }

    @Test func aBacklogLargeEnoughForTheBurstDropsNothing() throws {
        // The same load with room for every waiting connection: slow, but no SYN is lost.
        let r = try Simulator.audited(TestScenarios.model(Self.saturatedBackend(backlog: 100_000))).report
        #expect(r.overload.totalListenOverflows == 0)
        #expect(r.overload.synRetransmits == 0)
        #expect(!r.overload.limitsHit.contains { $0.contains("listen queue") })
    }

    @Test func somaxconnCapsTheBacklogAServerAsksFor() {
        #expect(ListenBacklog.connections(511).acceptQueueCapacity(somaxconn: 4096) == 512)
        #expect(ListenBacklog.connections(511).acceptQueueCapacity(somaxconn: 128) == 129)
        #expect(ListenBacklog.somaxconn.acceptQueueCapacity(somaxconn: 4096) == 4097)
    }

    @Test func nginxsListenQueueOverflowsWhileItsWorkerIsBusyAndClientsRetransmit() throws {
        // One worker at 2 ms per accept and per request, clients without keepalive at 600/s:
        // the worker cannot keep up, and connections wait for it in a queue of 8.
        var o = TestScenarios.Options()
        o.proxyCosts = ProxyCPUCosts(accept: .milliseconds(2), request: .milliseconds(1))
        o.clientsClose = true
        o.rate = 600
        o.spacing = .evenlySpaced
        o.proxyListenBacklog = .connections(8)
        o.duration = .seconds(20)
        o.warmup = .seconds(1)
        let result = try Simulator.audited(TestScenarios.model(o))
        let r = result.report
        #expect(result.audit.violations.isEmpty, "\(result.audit.violations)")
        #expect(r.overload.listenOverflows.first?.name == "nginx")
        #expect(r.overload.synRetransmits > 0)
        #expect(r.overload.limitsHit.contains { $0.hasPrefix("nginx's listen queue (backlog 8)") }, "\(r.overload.limitsHit)")
    }

    @Test func aClientWhoseSYNsAreAllDroppedGivesUpAfter127Seconds() throws {
        // One worker accepting 10 connections a second, 100 arrive each second, a queue of 2.
        var o = TestScenarios.Options()
        o.proxyCosts = ProxyCPUCosts(accept: .milliseconds(100))
        o.clientsClose = true
        o.rate = 100
        o.clients = 500
        o.proxyListenBacklog = .connections(1)
        o.duration = .seconds(200)
        o.warmup = .seconds(1)
        let r = try Simulator.audited(TestScenarios.model(o)).report
        #expect(r.overload.clientConnectTimeouts > 0)
        #expect(r.requests.count(status: "reset") >= r.overload.clientConnectTimeouts)
        // Six retransmissions at 1, 3, 7, 15, 31 and 63 s; the connect fails at 127 s.
        let slowest = try #require(r.latencyFromSend.max)
        #expect(slowest >= 127_000 && slowest < 128_000, "\(slowest) ms")
    }

    @Test func workerConnectionsRunningOutIsNamedAsTheLimitHit() throws {
        var o = TestScenarios.Options()
        o.workerConnections = 8
        o.backendWorkers = 100
        o.cpuMs = .constant(50)
        o.rate = 400
        o.clients = 400
        o.duration = .seconds(5)
        o.warmup = .seconds(1)
        let r = try Simulator.audited(TestScenarios.model(o)).report
        #expect(r.overload.limitsHit.contains { $0.hasPrefix("worker_connections 8 ran out") }, "\(r.overload.limitsHit)")
    }
}
