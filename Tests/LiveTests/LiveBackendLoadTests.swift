import Testing
import Live
import ProxyModel
import Randomness

/// Load-dependent closes, decided by `BackendKeepalivePolicy` from the worker pool's saturation.
@Suite struct LiveBackendLoadSheddingTests {
    private func saturatedBackend(_ shedding: BackendLoadShedding, loop: EventLoop) throws -> LiveBackend {
        let policy = BackendKeepalivePolicy(idleTimeout: nil, loadShedding: shedding)
        return try LiveBackend(configuration: .init(keepalive: policy, workers: 1, cpuTimeMs: try .constant(value: 10)), loop: loop)
    }

    @Test func aPumaStyleBackendSaysCloseWhileWorkIsQueued() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let backend = try saturatedBackend(.closeAfterResponseWhenSaturated, loop: loop)
        let clients = try (0..<3).map { _ in try TestClient(to: backend.address, loop: loop) }
        for client in clients { client.sendRequest() }
        #expect(try runLoop(loop) { clients.allSatisfy { $0.responses.count == 1 } })
        // The first answer leaves two requests queued on the one worker: saturated, so it says close.
        #expect(backend.counters.closes(.underLoad) >= 1)
        #expect(clients.contains { $0.responses.first?.keepAlive == false })
    }

    @Test func anApacheStyleBackendClosesIdleKeepAliveConnectionsWhenSaturated() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let backend = try saturatedBackend(.closeIdleConnectionsWhenSaturated, loop: loop)
        let idle = try TestClient(to: backend.address, loop: loop)
        idle.sendRequest()
        #expect(try runLoop(loop) { idle.responses.count == 1 })
        let busy = try (0..<3).map { _ in try TestClient(to: backend.address, loop: loop) }
        for client in busy { client.sendRequest() }
        #expect(try runLoop(loop) { idle.end != nil })
        #expect(idle.end == .peerClosed && backend.counters.closes(.underLoad) >= 1)
    }
}

/// Costs a backend pays per connection.
@Suite struct LiveBackendAcceptCostTests {
    @Test func theAcceptCPUCostDelaysAConnectionsFirstResponse() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let configuration = LiveBackendConfiguration(keepalive: .init(idleTimeout: nil), workers: 1, acceptCPU: .milliseconds(30))
        let backend = try LiveBackend(configuration: configuration, loop: loop)
        let client = try TestClient(to: backend.address, loop: loop)
        let start = loop.now
        client.sendRequest()
        #expect(try runLoop(loop) { client.responses.count == 1 })
        #expect(try #require(client.lastResponseAt) - start >= .milliseconds(30))
        // A second request on the same connection is served without another accept.
        client.sendRequest()
        #expect(try runLoop(loop) { client.responses.count == 2 })
        #expect(backend.counters.acceptedConnections == 1 && backend.counters.okResponses == 2)
    }
}
