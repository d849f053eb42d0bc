import ProxyModel
import Testing

/// nginx-semantics.md section 8.2: who closes an idle upstream connection first.
struct IdleCloseRaceTests {
    /// The backend's idle clock starts when it finishes writing the response;
    /// nginx's when it finishes reading it and stores the connection, at least one
    /// one-way delay later. Driven through both state machines.
    @Test func withEqualIdleTimeoutsTheBackendClosesFirst() {
        let timeout = TimeSpan.seconds(60)
        let oneWay = TimeSpan.microseconds(250)
        let backend = BackendKeepalivePolicy(idleTimeout: timeout)
        var cache = UpstreamKeepaliveCache(settings: UpstreamKeepaliveSettings(
            capacity: 4, local: false, keepaliveTimeout: timeout, keepaliveRequests: 1000, keepaliveTime: .hours(1)))
        let written = Instant.zero + .seconds(5)
        let read = written + oneWay
        _ = cache.store(UpstreamConnectionID(1), address: 0, location: 0, now: read)
        let backendCloses = backend.idleCloseDeadline(responseWrittenAt: written)
        #expect(backendCloses < cache.nextIdleDeadline)
        #expect(cache.nextIdleDeadline - backendCloses == oneWay)

        let race = IdleCloseRace(nginxKeepaliveTimeout: timeout, backend: backend, responseReadDelay: oneWay)
        #expect(race.firstCloser == .backend)
        #expect(race.margin == oneWay)
    }

    @Test func nginxTimeoutBelowTheBackendsRealTimeoutMeansNginxClosesFirst() throws {
        let race = IdleCloseRace(nginxKeepaliveTimeout: .seconds(60),
                                 backend: try BackendProfile.named("node-26").policy,
                                 responseReadDelay: .milliseconds(1))
        #expect(race.firstCloser == .nginx)
        #expect(race.margin == .seconds(6) - .milliseconds(1))
    }

    @Test func nginxDefaultsAgainstNode20LetTheBackendCloseFirst() throws {
        let race = IdleCloseRace(nginxKeepaliveTimeout: NginxDefaults(for: .firstModern).upstreamKeepaliveTimeout,
                                 backend: try BackendProfile.named("node-20").policy,
                                 responseReadDelay: .milliseconds(1))
        #expect(race.firstCloser == .backend)
    }

    @Test func withoutNginxIdleTimeoutBefore1_15_3OnlyTheBackendCloses() {
        let race = IdleCloseRace(nginxKeepaliveTimeout: NginxDefaults(for: NginxVersion(1, 15, 2)).upstreamKeepaliveTimeout,
                                 backend: BackendKeepalivePolicy(idleTimeout: .seconds(5)),
                                 responseReadDelay: .milliseconds(1))
        #expect(race.firstCloser == .backend)
        #expect(race.margin == nil)
    }

    @Test func withNoIdleTimeoutOnEitherSideNobodyCloses() {
        let race = IdleCloseRace(nginxKeepaliveTimeout: nil, backend: BackendKeepalivePolicy(idleTimeout: nil),
                                 responseReadDelay: .milliseconds(1))
        #expect(race.firstCloser == .neither)
    }

    @Test func closesInTheSameInstantAreSimultaneous() {
        let race = IdleCloseRace(nginxKeepaliveTimeout: .seconds(5),
                                 backend: BackendKeepalivePolicy(idleTimeout: .seconds(5), idleCloseDelay: .seconds(1)),
                                 responseReadDelay: .seconds(1))
        #expect(race.firstCloser == .simultaneous)
        #expect(race.margin == .zero)
    }
}
