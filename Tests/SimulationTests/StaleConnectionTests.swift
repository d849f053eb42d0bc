import Testing
import Foundation
import ProxyModel
import Scenario
import Simulation
import Measurement

/// The stale-connection race end to end (nginx-semantics.md section 2): the
/// backend closes an idle connection; a request nginx sends on it before the
/// FIN arrives fails. Timeline with 0.25 ms one-way delays, 1 ms service, a
/// node-20 backend (closes 6 s after writing a response):
/// request 1 written by the backend at 2.5 ms, so it closes at 6.0025 s and
/// its FIN reaches nginx at 6.00275 s. Request 2 leaves the client at
/// 6.00225 s, reaches nginx at 6.0025 s, is sent on the cached connection and
/// reaches the backend at 6.00275 s — after the close.
@Suite struct StaleConnectionTests {
    func run(method: HTTPMethod, secondAt ms: Double, nonIdempotent: Bool = false) throws -> RunReport {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stale-\(UUID().uuidString).csv").path
        try "time_ms,client,method\n0,0,\(method.rawValue)\n\(ms),0,\(method.rawValue)\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var o = TestScenarios.Options()
        o.backendPolicy = try BackendProfile.named("node-20").policy
        o.warmup = .zero
        o.duration = .seconds(10)
        o.clients = 1
        o.source = .trace(path: path)
        if nonIdempotent { o.nextUpstream = [.error, .timeout, .nonIdempotent] }
        return try Simulator.audited(TestScenarios.model(o)).report
    }

    @Test func aGETThatMeetsAClosedCachedConnectionIsRetriedInvisibly() throws {
        let r = try run(method: .get, secondAt: 6002.25)
        #expect(r.requests.byStatus == [NamedCount("200", 2)])
        #expect(r.upstream.staleFailuresRetried == 1)
        #expect(r.upstream.staleFailuresSurfaced == 0)
        #expect(r.requests.retried == 1)
        #expect(r.upstream.connectionsOpened == 2)
    }

    @Test func aPOSTThatMeetsAClosedCachedConnectionIsAnswered502() throws {
        let r = try run(method: .post, secondAt: 6002.25)
        #expect(r.requests.byStatus == [NamedCount("200", 1), NamedCount("502", 1)])
        #expect(r.upstream.staleFailuresSurfaced == 1)
    }

    @Test func aPOSTIsRetriedWhenNonIdempotentIsConfigured() throws {
        let r = try run(method: .post, secondAt: 6002.25, nonIdempotent: true)
        #expect(r.requests.byStatus == [NamedCount("200", 2)])
        #expect(r.upstream.staleFailuresRetried == 1)
    }

    @Test func aRequestAfterTheFINArrivedOpensAFreshConnectionWithoutAnyFailure() throws {
        let r = try run(method: .post, secondAt: 6003)
        #expect(r.requests.byStatus == [NamedCount("200", 2)])
        #expect(r.upstream.staleFailuresRetried + r.upstream.staleFailuresSurfaced == 0)
        #expect(r.upstream.closedByReason.contains(NamedCount("backend_closed_while_idle", 1)))
    }

    @Test func aRequestBeforeTheBackendClosesReusesTheConnection() throws {
        let r = try run(method: .post, secondAt: 6001.9)
        #expect(r.requests.byStatus == [NamedCount("200", 2)])
        #expect(r.upstream.connectionsOpened == 1)
        #expect(r.upstream.reusedAttempts == 1)
    }
}
