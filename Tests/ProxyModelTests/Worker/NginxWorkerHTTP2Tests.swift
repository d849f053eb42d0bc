import ProxyModel
import Testing

/// HTTP/2 client connections in the worker (ngx_http_v2.c): streams are
/// requests of their own, each with its own upstream connection; the stream
/// limit, `keepalive_requests` counting streams (GOAWAY) and the idle timer
/// once the last stream ends.
@Suite struct NginxWorkerHTTP2Tests {
    /// Modern nginx with `http2 on`, keepalive 16, and the given client directives.
    static func http2(streams: Int? = nil, client: ClientKeepaliveDirectives = .init(),
                      version: NginxVersion = ConfigurationFixtures.modern) -> NginxConfiguration {
        var configuration = ConfigurationFixtures.config(version, block: { $0.keepalive = UpstreamKeepaliveDirective(connections: 16) },
                                                         location: { $0.proxyHTTPVersion = .http11; $0.connectionHeader = .fixed(.empty) })
        configuration.http2 = true
        configuration.http2MaxConcurrentStreams = streams
        configuration.client = client
        return configuration
    }

    static func opened(_ outcome: NginxWorker.StreamOutcome) -> Bool {
        if case .opened = outcome { return true }
        return false
    }

    @Test func concurrentStreamsOnOneConnectionEachTakeTheirOwnUpstreamConnection() throws {
        var link = try FakeLinkHarness(Self.http2())
        for stream in Int32(10)..<14 {
            let outcome = link.stream(stream, on: 1)
            #expect(Self.opened(outcome))
        }
        // One client connection slot; four upstream connections at once.
        #expect(link.worker.budget.count(.activeClient) == 1)
        #expect(link.opened[0] == 4)
        try link.run()
        for stream in Int32(10)..<14 { #expect(link.responses[stream] == 200) }
        #expect(link.worker.idleCount(upstream: 0) == 4)
        #expect(link.worker.budget.count(.reusableClient) == 1)
        #expect(link.worker.invariantViolations() == [])
    }

    @Test func aStreamBeyondHttp2MaxConcurrentStreamsIsRefused() throws {
        var link = try FakeLinkHarness(Self.http2(streams: 2))
        let first = link.stream(10, on: 1), second = link.stream(11, on: 1), third = link.stream(12, on: 1)
        #expect(Self.opened(first) && Self.opened(second))
        #expect(third == .refused)
        try link.run()
        // Once a stream ended there is room again.
        let again = link.stream(12, on: 1)
        #expect(Self.opened(again))
        #expect(link.worker.invariantViolations() == [])
    }

    @Test func keepaliveRequestsCountsStreamsAndTheLastOneSendsGoaway() throws {
        var link = try FakeLinkHarness(Self.http2(client: ClientKeepaliveDirectives(keepaliveRequests: 3)))
        let first = link.stream(10, on: 1), second = link.stream(11, on: 1), third = link.stream(12, on: 1)
        #expect(first == .opened(ClientHandle(1), sentGoaway: false))
        #expect(Self.opened(second))
        guard case .opened(_, let goaway) = third else { Issue.record("the third stream was refused"); return }
        #expect(goaway)
        // nginx skips a stream sent after GOAWAY.
        let afterGoaway = link.stream(13, on: 1)
        #expect(afterGoaway == .refused)
        try link.run()
        for stream in Int32(10)...12 { #expect(link.responses[stream] == 200) }
        // The connection closes once its last stream is answered (ngx_http_v2_lingering_close).
        let closed = link.log.contains(.closeClient(client: 1, reason: .keepaliveRequests))
        #expect(closed)
        #expect(link.worker.budget.count(.activeClient) + link.worker.budget.count(.reusableClient) == 0)
        #expect(link.worker.invariantViolations() == [])
    }

    @Test func anIdleHTTP2ConnectionClosesAfterKeepaliveTimeoutFromItsLastStream() throws {
        var link = try FakeLinkHarness(Self.http2(client: ClientKeepaliveDirectives(keepaliveTimeout: .seconds(5),
                                                                                  keepaliveMinTimeout: .seconds(3))))
        link.stream(10, on: 1)
        try link.run(for: .milliseconds(100))
        #expect(link.responses[10] == 200)
        let answered = try #require(link.log.firstIndex { if case .respond(10, _, _, _, _) = $0 { return true } else { return false } })
        // keepalive_min_timeout does not apply to HTTP/2: reusable at once, timer at keepalive_timeout.
        #expect(link.worker.budget.count(.reusableClient) == 1)
        guard case .armClientTimer(1, let at) = link.log[answered + 1] else { Issue.record("no idle timer: \(link.log)"); return }
        try link.run(for: .seconds(6))
        let closed = link.log.contains(.closeClient(client: 1, reason: .idleTimeout))
        #expect(closed)
        #expect(at > .zero)
    }

    @Test func anErrorNginxMakesEndsTheStreamNotTheConnection() throws {
        var link = try FakeLinkHarness(Self.http2())
        link.handshake = .distantFutureSpan
        link.stream(10, on: 1)
        try link.run(for: .seconds(61))  // proxy_connect_timeout: 504
        let timedOut = link.responded(10, 504, cause: .connectTimeout)
        #expect(timedOut)
        let closed = link.log.contains { if case .closeClient = $0 { return true } else { return false } }
        #expect(!closed)
        #expect(link.worker.budget.count(.reusableClient) == 1)
    }

    @Test func beforeNginx1_19_7HTTP2ConnectionsFollowHttp2IdleTimeoutAndHttp2MaxRequests() throws {
        let old = try Self.http2(version: NginxVersion(1, 18, 0)).resolved()
        #expect(old.http2?.keepalive.keepaliveTimeout == .minutes(3))
        #expect(old.http2?.keepalive.keepaliveRequests == 1000)
        let written = ClientKeepaliveDirectives(keepaliveTimeout: .seconds(20), keepaliveRequests: 50)
        let modern = try Self.http2(client: written).resolved()
        #expect(modern.http2?.keepalive.keepaliveTimeout == .seconds(20))
        #expect(modern.http2?.keepalive.keepaliveRequests == 50)
        #expect(modern.http2?.maxConcurrentStreams == 128)
    }
}
