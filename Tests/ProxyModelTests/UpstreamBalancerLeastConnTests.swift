import ProxyModel
import Testing

/// nginx-semantics.md section 4: least_conn (`ngx_http_upstream_get_least_conn_peer`).
@Suite struct UpstreamBalancerLeastConnTests {
    @Test func leastConnPicksTheFewestInFlightRequestsPerUnitOfWeight() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 2]), method: .leastConn)
        var r1 = balancer.beginRequest(), r2 = balancer.beginRequest(), r3 = balancer.beginRequest()
        // Both idle: a tie, settled by smooth weighted round robin (b has weight 2).
        #expect(balancer.select(now: .zero, request: &r1) == 1)
        // a: 0/1, b: 1/2: a has fewer.
        #expect(balancer.select(now: .zero, request: &r2) == 0)
        // a: 1/1, b: 1/2: b has fewer per unit of weight.
        #expect(balancer.select(now: .zero, request: &r3) == 1)
    }

    @Test func leastConnBreaksTiesBySmoothWeightedRoundRobinOverTheTied() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [2, 1]), method: .leastConn)
        // Released at once, every pick is a tie at zero: the smooth weighted sequence a b a.
        let picks = (0..<6).map { _ in TestUpstream.pickAndRelease(&balancer) }
        #expect(TestUpstream.letters(picks) == "abaaba")
    }

    @Test func leastConnWithoutATieChangesNoWeights() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1]), method: .leastConn)
        var busy = balancer.beginRequest()
        #expect(balancer.select(now: .zero, request: &busy) == 0)
        let before = (balancer.peerState(0), balancer.peerState(1))
        var next = balancer.beginRequest()
        #expect(balancer.select(now: .zero, request: &next) == 1)
        #expect(balancer.peerState(0).currentWeight == before.0.currentWeight)
        #expect(balancer.peerState(1).currentWeight == before.1.currentWeight)
    }

    @Test func leastConnCountsInFlightRequestsNotIdleConnections() {
        // conns rises on select and falls on release; what stays open in the
        // keepalive cache afterwards does not count.
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1]), method: .leastConn)
        var held = balancer.beginRequest()
        #expect(balancer.select(now: .zero, request: &held) == 0)
        #expect(balancer.peerState(0).conns == 1)
        balancer.release(server: 0, outcome: .notFailed, now: .zero)
        #expect(balancer.peerState(0).conns == 0)
    }

    @Test func leastConnSkipsFailedOutServersAndFallsBackToBackups() {
        var servers = TestUpstream.servers(weights: [1, 1, 1])
        servers[2].isBackup = true
        var balancer = TestUpstream.balancer(servers, method: .leastConn)
        TestUpstream.fail(0, &balancer, now: .zero)
        #expect(TestUpstream.pickAndRelease(&balancer) == 1)
        TestUpstream.fail(1, &balancer, now: .zero)
        #expect(TestUpstream.pickAndRelease(&balancer) == 2)
    }
}
