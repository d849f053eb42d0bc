import ProxyModel
import Testing

/// nginx-semantics.md section 5: client-side keepalive.
struct ClientKeepalivePolicyTests {
    let policy = ClientKeepalivePolicy(keepaliveTimeout: .seconds(75), keepaliveRequests: 1000, keepaliveTime: .hours(1),
                                       keepaliveMinTimeout: .zero)

    func t(_ seconds: Int64) -> Instant { Instant.zero + .seconds(seconds) }

    func decide(
        _ policy: ClientKeepalivePolicy, _ version: HTTPVersion = .http11, _ header: ClientConnectionHeader = .absent,
        request: Int = 1, openedAt: Instant = .zero, now: Instant = .zero
    ) -> ClientKeepaliveDecision {
        policy.decide(httpVersion: version, connectionHeader: header, requestNumber: request,
                      connectionOpenedAt: openedAt, now: now)
    }

    @Test func http11RequestWithoutConnectionHeaderKeepsTheConnection() {
        #expect(decide(policy, .http11, .absent) == .keepAlive)
    }

    @Test func http10RequestWithoutKeepAliveHeaderClosesTheConnection() {
        #expect(decide(policy, .http10, .absent) == .close(.http10WithoutKeepAlive))
    }

    @Test func http10RequestWithConnectionKeepAliveKeepsTheConnection() {
        #expect(decide(policy, .http10, .keepAlive) == .keepAlive)
    }

    @Test(arguments: [HTTPVersion.http10, .http11])
    func clientConnectionCloseClosesTheConnection(version: HTTPVersion) {
        #expect(decide(policy, version, .close) == .close(.clientSentConnectionClose))
    }

    @Test func keepaliveTimeoutZeroDisablesClientKeepalive() {
        var off = policy
        off.keepaliveTimeout = .zero
        #expect(decide(off) == .close(.keepaliveTimeoutZero))
    }

    @Test func nthRequestOnClientConnectionIsAnsweredWithConnectionClose() {
        var three = policy
        three.keepaliveRequests = 3
        #expect(decide(three, request: 1) == .keepAlive)
        #expect(decide(three, request: 2) == .keepAlive)
        #expect(decide(three, request: 3) == .close(.keepaliveRequestsReached))
    }

    @Test func requestStartingOnAConnectionOlderThanKeepaliveTimeIsAnsweredWithConnectionClose() {
        var tenMinutes = policy
        tenMinutes.keepaliveTime = .minutes(10)
        #expect(decide(tenMinutes, openedAt: t(0), now: t(600)) == .keepAlive)
        #expect(decide(tenMinutes, openedAt: t(0), now: t(600) + .nanoseconds(1)) == .close(.keepaliveTimeExceeded))
    }

    @Test func withoutKeepaliveTimeBefore1_19_10ConnectionsHaveNoAgeLimit() throws {
        let old = try ConfigurationFixtures.config(NginxVersion(1, 19, 9)).resolved().client
        #expect(old.keepaliveTime == nil)
        #expect(decide(old, request: 2, openedAt: t(0), now: t(100_000)) == .keepAlive)
    }

    @Test func before1_19_10TheHundredthRequestIsAnsweredWithConnectionClose() throws {
        let old = try ConfigurationFixtures.config(NginxVersion(1, 19, 9)).resolved().client
        #expect(decide(old, request: 99) == .keepAlive)
        #expect(decide(old, request: 100) == .close(.keepaliveRequestsReached))
    }

    @Test func clientHeaderIsConsideredBeforeServerLimits() {
        var off = policy
        off.keepaliveTimeout = .zero
        off.keepaliveRequests = 1
        #expect(decide(off, .http11, .close) == .close(.clientSentConnectionClose))
        #expect(decide(off, .http11, .absent) == .close(.keepaliveTimeoutZero))
    }

    @Test func idleTimerStartsWhenTheResponseHasFinished() {
        #expect(policy.idleDeadline(responseFinishedAt: t(10)) == t(85))
    }

    @Test(arguments: [400, 413, 414, 495, 496, 497, 500, 501])
    func nginxGeneratedErrorsThatEndKeepalive(status: Int) {
        #expect(policy.afterNginxError(status: status, decision: .keepAlive) == .close(.errorResponse(status: status)))
    }

    @Test(arguments: [502, 503, 504, 404])
    func nginxGeneratedGatewayErrorsKeepTheClientConnection(status: Int) {
        #expect(policy.afterNginxError(status: status, decision: .keepAlive) == .keepAlive)
    }

    @Test func closeReasonsHaveDistinctReportNames() {
        let reasons: [ClientKeepaliveCloseReason] = [
            .clientSentConnectionClose, .http10WithoutKeepAlive, .keepaliveTimeoutZero, .keepaliveRequestsReached,
            .keepaliveTimeExceeded, .errorResponse(status: 400), .idleTimeout,
        ]
        #expect(Set(reasons.map(\.reportName)).count == reasons.count)
    }
}
