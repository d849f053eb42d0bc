import Testing
import Live
import ProxyModel
import Randomness

/// Emulated backends on loopback (127.0.0.1, ephemeral ports). Every test
/// runs its loop under a watchdog (`runLoop`) and closes the loop, which
/// closes every descriptor still open. Timing is asserted as bounds, never
/// as exact values.
@Suite struct LiveBackendTests {
    @Test func aKeepAliveBackendAnswersAndKeepsTheConnection() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let backend = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil)), loop: loop)
        let client = try TestClient(to: backend.address, loop: loop)
        client.sendRequest(responseBytes: 1_000)
        #expect(try runLoop(loop) { client.responses.count == 1 })
        client.sendRequest(method: .head)
        #expect(try runLoop(loop) { client.responses.count == 2 })
        #expect(client.responses == [.init(status: 200, keepAlive: true, bodyBytes: 1_000), .init(status: 200, keepAlive: true, bodyBytes: 0)])
        #expect(client.end == nil)
        #expect(backend.counters.acceptedConnections == 1 && backend.counters.requests == 2 && backend.counters.okResponses == 2)
    }

    @Test func anIdleConnectionClosesAtIdleTimeoutPlusCloseDelay() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let policy = BackendKeepalivePolicy(idleTimeout: .milliseconds(60), idleCloseDelay: .milliseconds(40))
        let backend = try LiveBackend(configuration: .init(keepalive: policy), loop: loop)
        let client = try TestClient(to: backend.address, loop: loop)
        client.sendRequest()
        #expect(try runLoop(loop) { client.end != nil })
        #expect(client.end == .peerClosed)
        let idle = try #require(client.endedAt) - #require(client.lastResponseAt)
        // The backend's clock starts when it wrote the response, a little before the client read it.
        #expect(idle >= .milliseconds(95) && idle < .seconds(3), "idle for \(idle)")
        #expect(backend.counters.closes(.idleTimeout) == 1 && backend.counters.resetsSent == 0)
    }

    @Test func aResettingBackendGivesTheClientECONNRESET() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let policy = BackendKeepalivePolicy(idleTimeout: .milliseconds(20), closeStyle: .rst)
        let backend = try LiveBackend(configuration: .init(keepalive: policy), loop: loop)
        let client = try TestClient(to: backend.address, loop: loop)
        client.sendRequest()
        #expect(try runLoop(loop) { client.end != nil })
        #expect(client.responses.count == 1)
        #expect(client.end == .peerReset)
        #expect(backend.counters.resetsSent == 1 && backend.counters.closes(.idleTimeout) == 1)
    }

    @Test func maxRequestsAnnouncedSaysCloseOnTheLastResponse() throws {
        let outcome = try runTwoRequests(atLimit: .connectionCloseOnLastResponse)
        #expect(outcome.responses.map(\.keepAlive) == [true, false])
        #expect(outcome.end == .peerClosed && outcome.maxRequestCloses == 1)
    }

    @Test func maxRequestsSilentClosesWithoutSayingSo() throws {
        let outcome = try runTwoRequests(atLimit: .closeSilently)
        #expect(outcome.responses.map(\.keepAlive) == [true, true])
        #expect(outcome.end == .peerClosed && outcome.maxRequestCloses == 1)
    }

    private func runTwoRequests(
        atLimit: BackendRequestLimitBehaviour
    ) throws -> (responses: [TestClient.Response], end: ConnectionEnd?, maxRequestCloses: Int) {
        let loop = try EventLoop()
        defer { loop.close() }
        let policy = BackendKeepalivePolicy(idleTimeout: nil, maxRequestsPerConnection: 2, atRequestLimit: atLimit)
        let backend = try LiveBackend(configuration: .init(keepalive: policy), loop: loop)
        let client = try TestClient(to: backend.address, loop: loop)
        client.sendRequest()
        _ = try runLoop(loop) { client.responses.count == 1 }
        client.sendRequest()
        _ = try runLoop(loop) { client.end != nil }
        return (client.responses, client.end, backend.counters.closes(.maxRequestsReached))
    }

    @Test func anAlwaysClosingBackendClosesAfterEveryResponse() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let backend = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil, alwaysCloses: true)), loop: loop)
        let client = try TestClient(to: backend.address, loop: loop)
        client.sendRequest()
        #expect(try runLoop(loop) { client.end != nil })
        #expect(client.responses.map(\.keepAlive) == [false] && client.end == .peerClosed)
        #expect(backend.counters.closes(.alwaysCloses) == 1)
    }

    @Test func aClientAskingToCloseIsAnsweredThenClosed() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let backend = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil)), loop: loop)
        let client = try TestClient(to: backend.address, loop: loop)
        client.sendRequest(keepAlive: false)
        #expect(try runLoop(loop) { client.end != nil })
        #expect(client.responses.map(\.keepAlive) == [false])
        #expect(backend.counters.closesRequestedByClient == 1)
    }

    @Test func garbageGets400AndAClose() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let backend = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil)), loop: loop)
        let client = try TestClient(to: backend.address, loop: loop)
        client.sendRaw("NOT HTTP\r\n\r\n")
        #expect(try runLoop(loop) { client.end != nil })
        #expect(client.responses.map(\.status) == [400])
        #expect(backend.counters.badRequests == 1 && backend.counters.requests == 0)
    }

    @Test func oneWorkerServesConcurrentRequestsOneAfterAnother() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let configuration = LiveBackendConfiguration(keepalive: .init(idleTimeout: nil), workers: 1, cpuTimeMs: try .constant(value: 20))
        let backend = try LiveBackend(configuration: configuration, loop: loop)
        let clients = try (0..<3).map { _ in try TestClient(to: backend.address, loop: loop) }
        let start = loop.now
        for client in clients { client.sendRequest() }
        #expect(try runLoop(loop) { clients.allSatisfy { $0.responses.count == 1 } })
        let last = clients.compactMap(\.lastResponseAt).max()
        // Three 20 ms jobs on one worker: the last answer comes after at least 60 ms.
        #expect(try #require(last) - start >= .milliseconds(60))
    }

    @Test func theErrorRateDecidesTheShareOf500s() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let backend = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil), errorRate: 1), loop: loop)
        let client = try TestClient(to: backend.address, loop: loop)
        client.sendRequest()
        #expect(try runLoop(loop) { client.responses.count == 1 })
        #expect(client.responses.map(\.status) == [500] && backend.counters.errorResponses == 1)
    }

    @Test func anInvalidConfigurationIsRefusedWithAClearMessage() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        #expect(throws: LiveBackendConfiguration.Invalid.self) {
            _ = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil), workers: 0), loop: loop)
        }
        #expect(throws: LiveBackendConfiguration.Invalid.self) {
            _ = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil), errorRate: 2), loop: loop)
        }
    }

    @Test func aPortInUseIsAClearError() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let first = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil)), loop: loop)
        do {
            _ = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil)), address: first.address, loop: loop)
            Issue.record("a second backend bound \(first.address)")
        } catch let error as SystemError {
            #expect(error.description.contains("bind \(first.address) failed: Address already in use"))
        }
    }
}
