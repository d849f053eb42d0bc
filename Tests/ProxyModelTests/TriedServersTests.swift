import ProxyModel
import Testing

@Suite struct TriedServersTests {
    @Test func triedSetHoldsMoreThanSixtyFourServers() {
        var tried = TriedServers(serverCount: 130)
        #expect(tried.capacity >= 130)
        for server in [0, 63, 64, 127, 129] { tried.insert(server) }
        #expect([0, 63, 64, 127, 129].allSatisfy(tried.contains))
        #expect(![1, 62, 65, 128].contains(where: tried.contains))
        #expect(tried.count == 5)
        tried.removeAll()
        #expect(tried.count == 0)
    }

    @Test func largeUpstreamRetriesVisitEveryServerOnce() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: Array(repeating: 1, count: 100)))
        var request = balancer.beginRequest()
        var seen = Set<Int>()
        while let server = balancer.select(now: .zero, request: &request) {
            #expect(seen.insert(server).inserted)
            balancer.release(server: server, outcome: .notFailed, now: .zero)
        }
        #expect(seen.count == 100)
    }
}
