import ProxyModel
import Testing

/// Backend keepalive facts (backends-and-costs.md).
struct BackendKeepalivePolicyTests {
    func t(_ seconds: Int64) -> Instant { Instant.zero + .seconds(seconds) }

    @Test func nodeClosesAnIdleConnectionOneSecondAfterKeepAliveTimeout() throws {
        let node20 = try BackendProfile.named("node-20").policy
        let node26 = try BackendProfile.named("node-26").policy
        #expect(node20.idleCloseDeadline(responseWrittenAt: t(10)) == t(16))
        #expect(node26.idleCloseDeadline(responseWrittenAt: t(10)) == t(76))
    }

    @Test func serverWithoutIdleTimeoutNeverClosesIdleConnections() throws {
        let go = try BackendProfile.named("go-default").policy
        #expect(go.idleCloseDeadline(responseWrittenAt: t(10)) == .distantFuture)
    }

    @Test func lastResponseAtTheRequestLimitCarriesConnectionClose() {
        let limited = BackendKeepalivePolicy(idleTimeout: .seconds(5), maxRequestsPerConnection: 100)
        #expect(limited.afterResponse(requestNumber: 99, saturated: false) == .keepOpen)
        #expect(limited.afterResponse(requestNumber: 100, saturated: false)
                == .closeAfterResponse(.maxRequestsReached, announced: true))
    }

    @Test func silentCloseAtTheRequestLimitIsNotAnnounced() {
        let silent = BackendKeepalivePolicy(idleTimeout: .seconds(5), maxRequestsPerConnection: 3,
                                            atRequestLimit: .closeSilently)
        #expect(silent.afterResponse(requestNumber: 3, saturated: false)
                == .closeAfterResponse(.maxRequestsReached, announced: false))
    }

    @Test func unlimitedServerKeepsEveryConnection() {
        let unlimited = BackendKeepalivePolicy(idleTimeout: .seconds(5))
        #expect(unlimited.afterResponse(requestNumber: 1_000_000, saturated: true) == .keepOpen)
    }

    @Test func gunicornSyncWorkerClosesAfterEveryResponse() throws {
        let sync = try BackendProfile.named("gunicorn-sync").policy
        #expect(sync.afterResponse(requestNumber: 1, saturated: false) == .closeAfterResponse(.alwaysCloses, announced: true))
    }

    @Test func puma6AnnouncesCloseOnlyWhenSaturated() throws {
        let puma = try BackendProfile.named("puma-6").policy
        #expect(puma.afterResponse(requestNumber: 5, saturated: false) == .keepOpen)
        #expect(puma.afterResponse(requestNumber: 5, saturated: true) == .closeAfterResponse(.underLoad, announced: true))
        #expect(!puma.closesIdleConnectionsEarly(saturated: true))
    }

    @Test func apacheClosesIdleConnectionsEarlyOnlyWhenSaturated() throws {
        let apache = try BackendProfile.named("apache").policy
        #expect(!apache.closesIdleConnectionsEarly(saturated: false))
        #expect(apache.closesIdleConnectionsEarly(saturated: true))
        #expect(apache.afterResponse(requestNumber: 5, saturated: true) == .keepOpen)
    }

    @Test(arguments: [BackendCloseStyle.fin, .rst])
    func closeStyleIsAParameter(style: BackendCloseStyle) {
        let policy = BackendKeepalivePolicy(idleTimeout: .seconds(5), closeStyle: style)
        #expect(policy.closeStyle == style)
    }

    @Test func closeReasonsHaveStableDistinctReportNames() {
        let names = BackendCloseReason.allCases.map(\.reportName)
        #expect(Set(names).count == names.count)
        #expect(names == ["backend_idle_timeout", "backend_max_requests", "backend_always_closes", "backend_under_load"])
    }
}
