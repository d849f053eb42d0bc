import ProxyModel
import Testing

/// The worker's whole flow, step by step over a fake link (no sockets, no
/// clock): the behaviours of nginx-semantics.md sections 1-3 and 7 as they
/// come out of `NginxWorker` itself, the code both drivers run.
@Suite struct NginxWorkerFakeLinkTests {
    static let classic = ConfigurationFixtures.classic

    /// Classic nginx with reuse on: `keepalive N`, HTTP/1.1, `Connection ""`.
    static func reuse(servers: Int = 1, keepalive: Int = 16, location: (inout ProxyLocation) -> Void = { _ in }) -> NginxConfiguration {
        ConfigurationFixtures.config(
            classic, servers: (0..<servers).map { UpstreamServer(address: "10.0.0.\($0 + 1):80") },
            block: { $0.keepalive = UpstreamKeepaliveDirective(connections: keepalive) },
            location: {
                $0.proxyHTTPVersion = .http11
                $0.connectionHeader = .fixed(.empty)
                location(&$0)
            })
    }

    /// A first request leaves one idle connection in the cache; the backend
    /// then closes it, and the next request takes it before the FIN arrives.
    static func raceOnAStaleConnection(_ method: HTTPMethod, location: (inout ProxyLocation) -> Void = { _ in }) throws -> FakeLinkHarness {
        var link = try FakeLinkHarness(reuse(location: location))
        link.request(client: 1)
        try link.run()
        #expect(link.responses[1] == 200)
        #expect(link.worker.idleCount(upstream: 0) == 1)
        link.backendClosesIdleConnections(server: 0)
        link.request(client: 1, method: method)
        try link.run()
        #expect(link.worker.invariantViolations() == [])
        return link
    }

    @Test func aGetOnAStaleCachedConnectionIsRetriedOnAFreshConnection() throws {
        let link = try Self.raceOnAStaleConnection(.get)
        #expect(link.responses[1] == 200)
        #expect(link.failures.map(\.0) == [.upstreamClosedStale])
        #expect(link.failures.map(\.1) == [true])
        #expect(link.opened[0] == 2)
    }

    @Test func aPostOnAStaleCachedConnectionIsAnswered502() throws {
        let link = try Self.raceOnAStaleConnection(.post)
        #expect(link.responses[1] == 502)
        #expect(link.failures.map(\.0) == [.upstreamClosedStale])
        #expect(link.failures.map(\.1) == [false])
        #expect(link.opened[0] == 1)
        let responded = link.responded(1, 502, cause: .upstreamClosedStale)
        #expect(responded)
    }

    @Test func aPostOnAStaleCachedConnectionIsRetriedWithNonIdempotent() throws {
        let link = try Self.raceOnAStaleConnection(.post) { $0.proxyNextUpstream = [.error, .timeout, .nonIdempotent] }
        #expect(link.responses[1] == 200)
        #expect(link.failures.map(\.1) == [true])
    }

    @Test func aBackendErrorStatusIsPassedToTheNextServerWhenProxyNextUpstreamNamesIt() throws {
        var link = try FakeLinkHarness(Self.reuse(servers: 2) { $0.proxyNextUpstream = [.error, .timeout, .http502] })
        link.script[0] = [.respond(status: 502, after: .milliseconds(1))]
        link.script[1] = [.respond(status: 502, after: .milliseconds(1))]
        link.request(client: 1)
        try link.run()
        // Round robin tries server 0 first; its 502 goes to server 1, whose
        // 502 is the last try: passed through as the backend's response.
        #expect(link.served[0] == 1 && link.served[1] == 1)
        #expect(link.failures.map(\.0) == [.upstreamErrorStatus])
        #expect(link.responses[1] == 502)
        let responded = link.responded(1, 502, cause: nil)
        #expect(responded)
        #expect(link.worker.invariantViolations() == [])
    }

    @Test func aFullCacheClosesItsLeastRecentlyStoredConnection() throws {
        var link = try FakeLinkHarness(Self.reuse(keepalive: 1))
        link.script[0] = [.respond(status: 200, after: .milliseconds(1)), .respond(status: 200, after: .milliseconds(3))]
        link.request(client: 1)
        link.request(client: 2)
        try link.run()
        #expect(link.opened[0] == 2)
        #expect(link.upstreamCloseReasons == [.cacheEviction])
        #expect(link.worker.idleCount(upstream: 0) == 1)
        #expect(link.worker.invariantViolations() == [])
    }

    @Test func aConnectThatOutlastsProxyConnectTimeoutIsAnswered504() throws {
        var link = try FakeLinkHarness(Self.reuse { $0.proxyConnectTimeout = .milliseconds(5) })
        link.handshake = .distantFutureSpan
        link.request(client: 1, method: .post)
        try link.run(stepLimit: 100)
        #expect(link.responses[1] == 504)
        // Nothing was sent, so even a POST may go on; one server: no other to try.
        #expect(link.failures.map(\.0) == [.connectTimeout])
        #expect(link.upstreamCloseReasons == [.failedAttempt])
        let responded = link.responded(1, 504, cause: .connectTimeout)
        #expect(responded)
        #expect(link.worker.invariantViolations() == [])
    }

    @Test func aConnectTimeoutOnOneServerIsRetriedOnTheNext() throws {
        var link = try FakeLinkHarness(Self.reuse(servers: 2) { $0.proxyConnectTimeout = .milliseconds(5) })
        link.handshake = .distantFutureSpan
        link.request(client: 1)
        try link.run(stepLimit: 100)
        #expect(link.failures.map(\.0) == [.connectTimeout, .connectTimeout])
        #expect(link.failures.map(\.1) == [true, false])
        #expect(link.responses[1] == 504)
        #expect(link.opened[0] == 1 && link.opened[1] == 1)
    }

    @Test func noLocalPortFailsTheAttemptBeforeAnythingIsSent() throws {
        var link = try FakeLinkHarness(Self.reuse())
        link.portsExhausted = true
        link.request(client: 1)
        try link.run(stepLimit: 100)
        #expect(link.responses[1] == 502)
        #expect(link.failures.map(\.0) == [.connectFailedNoLocalPort])
        #expect(link.upstreamCloseReasons == [])
        #expect(link.worker.budget.count(.activeUpstream) == 0)
        #expect(link.worker.invariantViolations() == [])
    }

    @Test func anIdleConnectionPastUpstreamKeepaliveTimeoutIsClosedByNginx() throws {
        var link = try FakeLinkHarness(ConfigurationFixtures.config(
            Self.classic, block: {
                $0.keepalive = UpstreamKeepaliveDirective(connections: 4)
                $0.keepaliveTimeout = .seconds(4)
            }, location: { $0.proxyHTTPVersion = .http11; $0.connectionHeader = .fixed(.empty) }))
        link.request(client: 1)
        try link.run(for: .seconds(3))
        #expect(link.worker.idleCount(upstream: 0) == 1)
        try link.run(for: .seconds(2))
        #expect(link.worker.idleCount(upstream: 0) == 0)
        #expect(link.upstreamCloseReasons == [.proxyIdleTimeout])
    }

    @Test func aLateTimerChangesNothing() throws {
        var link = try FakeLinkHarness(Self.reuse())
        link.request(client: 1)
        try link.run()
        var actions = NginxWorkerActions()
        // The read timer of a connection now idle in the cache fires late: nothing happens.
        link.worker.upstreamTimerFired(UpstreamHandle(0), now: link.now + .seconds(120), zones: &link.zones, actions: &actions)
        let nothingAsked = actions.isEmpty
        #expect(nothingAsked)
        #expect(link.worker.idleCount(upstream: 0) == 1)
    }
}
