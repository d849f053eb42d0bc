import Testing
import Live
import ProxyModel
import Traffic

/// The built-in proxy (NginxWorker on real sockets) between the load
/// generator and an emulated backend, on loopback: what nginx decides shows
/// up in what the backend accepts and what clients get.
@Suite(.serialized) struct LiveProxyTests {
    /// One upstream `app` (one server per backend address) behind location `/`.
    static func nginx(keepalive: Int? = nil, http11: Bool = false, workers: Int = 1,
                      location: (inout ProxyLocation) -> Void = { _ in }) throws -> EffectiveConfiguration {
        var upstream = UpstreamBlock(name: "app", servers: [UpstreamServer(address: "10.0.0.1:80")])
        if let keepalive { upstream.keepalive = UpstreamKeepaliveDirective(connections: keepalive) }
        var proxy = ProxyLocation(path: "/", proxyPass: .upstream("app"))
        if http11 {
            proxy.proxyHTTPVersion = .http11
            proxy.connectionHeader = .fixed(.empty)
        }
        location(&proxy)
        var configuration = NginxConfiguration(version: .debianBookworm, upstreams: [upstream], locations: [proxy])
        configuration.workerProcesses = workers
        return try configuration.resolved()
    }

    struct Outcome {
        var generator: LoadGeneratorResult
        var backend: LiveBackendCounters
        var proxy: LiveProxyCounters
        var finished: Bool
    }

    /// Backend and generator share the test's loop; the proxy runs its own threads.
    static func run(_ nginx: EffectiveConfiguration, backend policy: BackendKeepalivePolicy = .init(idleTimeout: nil),
                    pacing: LoadGeneratorConfiguration.Pacing = .closedLoop(connections: 4, thinkTime: .zero, startSpread: .zero),
                    requests: Int = 200, mix: RequestMix? = nil, limit: TimeSpan = .seconds(20)) throws -> Outcome {
        let loop = try EventLoop()
        defer { loop.close() }
        let backend = try LiveBackend(configuration: .init(keepalive: policy), loop: loop)
        let proxy = try LiveProxy.start(LiveProxyConfiguration(configuration: nginx, servers: [[backend.address]]))
        defer { proxy.stop() }
        let generator = try LoadGenerator(
            configuration: .init(target: proxy.address, pacing: pacing, mix: try mix ?? RequestMix(responseBytes: .constant(value: 100)),
                                 requests: requests, seed: 3),
            loop: loop)
        generator.start()
        let finished = try runLoop(loop, for: limit) { generator.isFinished }
        let counters = proxy.stop().reduce(into: LiveProxyCounters()) { $0.merge($1) }
        return Outcome(generator: generator.result, backend: backend.counters, proxy: counters, finished: finished)
    }

    @Test func withoutUpstreamKeepaliveEveryRequestOpensABackendConnection() throws {
        // nginx's defaults: HTTP/1.0 upstream, Connection: close, no cache.
        let outcome = try Self.run(Self.nginx(), requests: 100)
        #expect(outcome.finished)
        #expect(outcome.generator.successfulResponses == 100)
        #expect(outcome.backend.acceptedConnections == 100)
        #expect(outcome.proxy.upstreamConnectionsOpened == 100 && outcome.proxy.upstreamReused == 0)
        // The client side keeps its 4 connections (client keepalive is on by default).
        #expect(outcome.generator.connectionsOpened == 4)
    }

    @Test func withUpstreamKeepaliveTheBackendSeesAFewConnections() throws {
        let outcome = try Self.run(Self.nginx(keepalive: 16, http11: true), requests: 200)
        #expect(outcome.finished)
        #expect(outcome.generator.successfulResponses == 200)
        // At most one upstream connection per concurrent request: 4 client connections.
        #expect(outcome.backend.acceptedConnections <= 4)
        #expect(outcome.proxy.upstreamReused == 200 - outcome.proxy.upstreamConnectionsOpened)
        #expect(outcome.proxy.responsesByStatus[200] == 200)
    }

    @Test func keepaliveWithoutTheConnectionHeaderStillClosesEveryConnection() throws {
        // keepalive 16 with HTTP/1.1 but nginx's default `Connection: close`: the backend closes after each response.
        let outcome = try Self.run(Self.nginx(keepalive: 16, location: { $0.proxyHTTPVersion = .http11 }), requests: 60)
        #expect(outcome.finished && outcome.generator.successfulResponses == 60)
        #expect(outcome.backend.acceptedConnections == 60)
    }

    @Test func aBackendRequestLimitIsHonouredThroughTheCache() throws {
        let outcome = try Self.run(Self.nginx(keepalive: 16, http11: true),
                                   backend: .init(idleTimeout: nil, maxRequestsPerConnection: 10),
                                   pacing: .closedLoop(connections: 1, thinkTime: .zero, startSpread: .zero), requests: 50)
        #expect(outcome.finished && outcome.generator.successfulResponses == 50)
        #expect(outcome.backend.acceptedConnections == 5)
        #expect(outcome.proxy.upstreamClosesByReason["response_marked_close"] == 5)
    }

    @Test func twoWorkersShareTheLoadAndKeepTheirOwnPools() throws {
        let outcome = try Self.run(Self.nginx(keepalive: 8, http11: true, workers: 2),
                                   pacing: .closedLoop(connections: 8, thinkTime: .zero, startSpread: .zero), requests: 400)
        #expect(outcome.finished && outcome.generator.successfulResponses == 400)
        #expect(outcome.proxy.requests == 400)
        #expect(outcome.backend.acceptedConnections <= 16)
    }

    @Test func aStaleCachedConnectionIsRetriedForAGet() throws {
        // The backend closes idle connections after 50 ms; requests 100 ms apart take a
        // connection the backend has closed (FIN on its way or arrived): nginx either
        // sees the close while idle or fails the attempt and retries the GET.
        let outcome = try Self.run(
            Self.nginx(keepalive: 4, http11: true), backend: .init(idleTimeout: .milliseconds(50)),
            pacing: .closedLoop(connections: 1, thinkTime: .milliseconds(100), startSpread: .zero), requests: 6)
        #expect(outcome.finished && outcome.generator.successfulResponses == 6)
        #expect(outcome.backend.closes(.idleTimeout) >= 5)
        #expect(outcome.proxy.upstreamClosesByReason["backend_closed_while_idle", default: 0]
                + outcome.proxy.staleFailuresRetried >= 5)
        #expect(outcome.proxy.staleFailuresSurfaced == 0)
    }

    @Test func aBackendThatIsDownGivesA502() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let probe = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil)), loop: loop)
        let address = probe.address
        probe.close()
        let proxy = try LiveProxy.start(LiveProxyConfiguration(configuration: Self.nginx(), servers: [[address]]))
        defer { proxy.stop() }
        let client = try TestClient(to: proxy.address, loop: loop)
        client.sendRequest()
        #expect(try runLoop(loop, for: .seconds(5)) { client.responses.count == 1 })
        #expect(client.responses.first?.status == 502)
        let counters = proxy.stop()[0]
        #expect(counters.errorCauses[NginxErrorCause.upstreamClosed.rawValue] == 1)
    }

    @Test func badBytesGetA400AndAClose() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let proxy = try LiveProxy.start(LiveProxyConfiguration(configuration: Self.nginx(), servers: [[.loopback(port: 9)]]))
        defer { proxy.stop() }
        let client = try TestClient(to: proxy.address, loop: loop)
        client.sendRaw("GARBAGE \u{1}\r\n\r\n")
        #expect(try runLoop(loop, for: .seconds(5)) { client.end != nil })
        #expect(client.responses.first?.status == 400)
        #expect(client.responses.first?.keepAlive == false)
    }

    @Test func aTargetNoLocationMatchesGetsA404() throws {
        var configuration = try LiveProxyConfiguration(configuration: Self.nginx(), servers: [[.loopback(port: 9)]])
        configuration.locationPaths = ["/api/"]
        let loop = try EventLoop()
        defer { loop.close() }
        let proxy = try LiveProxy.start(configuration)
        defer { proxy.stop() }
        let client = try TestClient(to: proxy.address, loop: loop)
        client.sendRequest()
        #expect(try runLoop(loop, for: .seconds(5)) { client.end != nil })
        #expect(client.responses.first?.status == 404)
    }

    @Test func aClientThatStopsHalfwayThroughAHeadIsClosedAtTheHeaderTimeout() throws {
        var configuration = try LiveProxyConfiguration(configuration: Self.nginx(), servers: [[.loopback(port: 9)]])
        configuration.clientHeaderTimeout = .milliseconds(200)
        let loop = try EventLoop()
        defer { loop.close() }
        let proxy = try LiveProxy.start(configuration)
        defer { proxy.stop() }
        let client = try TestClient(to: proxy.address, loop: loop)
        client.sendRaw("GET / HT")
        #expect(try runLoop(loop, for: .seconds(5)) { client.end != nil })
        #expect(client.responses.isEmpty)
        #expect(proxy.stop()[0].headerTimeouts == 1)
    }

    @Test func aPortInUseIsAClearError() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let taken = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil)), loop: loop)
        var configuration = try LiveProxyConfiguration(configuration: Self.nginx(), servers: [[.loopback(port: 9)]])
        configuration.listenAddress = taken.address
        do {
            let proxy = try LiveProxy.start(configuration)
            proxy.stop()
            Issue.record("a second listener on \(taken.address) started")
        } catch {
            #expect("\(error)".contains("bind") && "\(error)".contains("\(taken.address)") && "\(error)".contains("in use"))
        }
    }
}

/// A backend that answers a head and part of the body, then resets.
final class ResettingBackend: ConnectionDelegate {
    var listener: Listener!
    var connections: [SocketConnection] = []

    init(loop: EventLoop) throws {
        listener = try Listener(address: .loopback(), loop: loop, onAccept: { [unowned self] fd in
            guard let connection = try? SocketConnection(accepted: fd, loop: loop, kind: .request) else { return }
            connection.delegate = self
            connections.append(connection)
        })
    }

    func connection(_ connection: SocketConnection, didRead event: HTTPReadEvent) {
        guard case .end = event else { return }
        connection.send(Array("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial".utf8))
        connection.close(style: .rst)
    }

    func connection(_ connection: SocketConnection, didEnd end: ConnectionEnd) {}
}

extension LiveProxyTests {
    @Test func aBackendThatResetsMidResponseGivesA502() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let backend = try ResettingBackend(loop: loop)
        let proxy = try LiveProxy.start(LiveProxyConfiguration(configuration: Self.nginx(), servers: [[backend.listener.address]]))
        defer { proxy.stop() }
        let client = try TestClient(to: proxy.address, loop: loop)
        client.sendRequest()
        #expect(try runLoop(loop, for: .seconds(5)) { client.responses.count == 1 })
        #expect(client.responses.first?.status == 502)
        #expect(proxy.stop()[0].errorCauses[NginxErrorCause.upstreamClosed.rawValue] == 1)
    }
}

extension LiveProxyTests {
    @Test func pipelinedRequestsAreAnsweredInOrderOneAtATime() throws {
        let loop = try EventLoop()
        defer { loop.close() }
        let backend = try LiveBackend(configuration: .init(keepalive: .init(idleTimeout: nil)), loop: loop)
        let proxy = try LiveProxy.start(LiveProxyConfiguration(configuration: Self.nginx(keepalive: 4, http11: true),
                                                               servers: [[backend.address]]))
        defer { proxy.stop() }
        let client = try TestClient(to: proxy.address, loop: loop)
        client.sendRaw("GET /a HTTP/1.1\r\nHost: x\r\nX-Response-Bytes: 3\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nX-Response-Bytes: 5\r\n\r\n")
        #expect(try runLoop(loop, for: .seconds(5)) { client.responses.count == 2 })
        #expect(client.responses.map(\.bodyBytes) == [3, 5])
        #expect(proxy.stop()[0].requests == 2)
    }
}
