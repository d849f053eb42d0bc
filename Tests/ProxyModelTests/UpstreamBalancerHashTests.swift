import ProxyModel
import Testing

/// nginx-semantics.md section 4: `hash`, `hash ... consistent` and `ip_hash`.
/// Expected picks come from an independent Python reimplementation (zlib.crc32).
@Suite struct UpstreamBalancerHashTests {
    func pick(_ balancer: inout UpstreamBalancer, _ key: BalancingKey) -> Int? {
        TestUpstream.pickAndRelease(&balancer, key: key)
    }

    @Test func hashPicksTheServerFromTheCRC32OfTheKey() {
        // ((crc32("/index.html") >> 16) & 0x7fff) % 3 == 2
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1, 1]), method: .hash(consistent: false))
        #expect(pick(&balancer, .hash(HashKey("/index.html"))) == 2)
        #expect(pick(&balancer, .hash(HashKey("/index.html"))) == 2)
    }

    @Test func hashMapsOntoTheWeightedServerList() {
        // Weights 2,1,1: positions 0-1 are a, 2 is b, 3 is c; "/index.html" lands on 2.
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [2, 1, 1]), method: .hash(consistent: false))
        #expect(pick(&balancer, .hash(HashKey("/index.html"))) == 1)
    }

    @Test func hashAcceptsAPrecomputedChecksum() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1, 1]), method: .hash(consistent: false))
        #expect(pick(&balancer, .hash(HashKey(crc32: 0xEA22_4B42, byteCount: 11))) == 2)
    }

    @Test func hashRehashesWhenThePickedServerIsUnusable() {
        // Picks for "/index.html" over 3 servers: c, c, a, ... With c down: two re-hashes, then a.
        var servers = TestUpstream.servers(weights: [1, 1, 1])
        servers[2].isDown = true
        var balancer = TestUpstream.balancer(servers, method: .hash(consistent: false))
        var request = balancer.beginRequest(key: .hash(HashKey("/index.html")))
        #expect(balancer.select(now: .zero, request: &request) == 0)
        #expect(request.hashTries == 2)
    }

    /// A simulator keeps one per-request state per request slot and begins
    /// each request in it: the result must be the fresh state
    /// `beginRequest(key:)` makes, whatever the slot held, and a state too
    /// small for the upstream's servers must be replaced.
    @Test func beginningARequestInAUsedStateEqualsAFreshState() {
        let methods: [BalancingMethod] = [.roundRobin, .leastConn, .hash(consistent: false), .hash(consistent: true), .ipHash]
        for method in methods {
            for count in [3, 70, 200] {
                var balancer = TestUpstream.balancer(TestUpstream.servers(weights: Array(repeating: 1, count: count)), method: method)
                let key: BalancingKey = method == .ipHash ? .clientIPv4(0x0A00_0001) : .hash(HashKey("/index.html"))
                // A used state, from a smaller upstream, with servers tried.
                var small = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1]), method: method)
                var state = small.beginRequest(key: key)
                _ = small.select(now: .zero, request: &state)
                _ = small.select(now: .zero, request: &state)
                balancer.beginRequest(reusing: &state, key: key)
                #expect(state == balancer.beginRequest(key: key), "\(method), \(count) servers")
                #expect(state.tried.capacity >= count)
                // Reused again after picks on this upstream.
                _ = balancer.select(now: .zero, request: &state)
                balancer.beginRequest(reusing: &state, key: key)
                #expect(state == balancer.beginRequest(key: key), "\(method), \(count) servers, second request")
            }
        }
    }

    @Test func hashPickChangesNoWeights() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1, 1]), method: .hash(consistent: false))
        _ = pick(&balancer, .hash(HashKey("/index.html")))
        #expect((0..<3).allSatisfy { balancer.peerState($0).currentWeight == 0 })
    }

    @Test func hashFallsBackToRoundRobinAfterTwentyAttempts() {
        // Weights 1 and 100 with the heavy server down: the first 21 picks for "/a" all
        // land on it, so the 21st unusable pick hands the request to round robin.
        var servers = TestUpstream.servers(weights: [1, 100])
        servers[1].isDown = true
        var balancer = TestUpstream.balancer(servers, method: .hash(consistent: false))
        var request = balancer.beginRequest(key: .hash(HashKey("/a")))
        #expect(balancer.select(now: .zero, request: &request) == 0)
        #expect(request.hashTries == 21)
        #expect(balancer.peerState(0).conns == 1)
    }

    @Test func hashWithAnEmptyKeyUsesRoundRobin() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1, 1]), method: .hash(consistent: false))
        let picks = (0..<3).map { _ in pick(&balancer, .hash(.empty)) }
        #expect(TestUpstream.letters(picks) == "abc")
    }

    @Test func consistentHashFollowsTheKetamaRing() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1, 1]), method: .hash(consistent: true))
        #expect(pick(&balancer, .hash(HashKey("/a"))) == 0)
        #expect(pick(&balancer, .hash(HashKey("/b"))) == 0)
        #expect(pick(&balancer, .hash(HashKey("/d"))) == 1)
        #expect(pick(&balancer, .hash(HashKey("user42"))) == 2)
    }

    @Test func consistentHashKeepsEveryOtherKeyWhenAServerIsAdded() {
        var three = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1, 1]), method: .hash(consistent: true))
        var four = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1, 1, 1]), method: .hash(consistent: true))
        var moved = 0
        for k in 0..<2000 {
            let key = BalancingKey.hash(HashKey("/item/\(k)"))
            let before = pick(&three, key)!
            let after = pick(&four, key)!
            if after != before {
                #expect(after == 3, "key \(k) moved from \(before) to an old server \(after)")
                moved += 1
            }
        }
        #expect(moved > 300 && moved < 700)  // about a quarter of the keys
    }

    @Test func consistentHashStepsToTheNextPointWhenTheServerIsUnusable() {
        var servers = TestUpstream.servers(weights: [1, 1, 1])
        servers[0].isDown = true
        var balancer = TestUpstream.balancer(servers, method: .hash(consistent: true))
        var request = balancer.beginRequest(key: .hash(HashKey("/a")))
        // The ring from "/a" on reads a, b, a, b, ...: one step to b.
        #expect(balancer.select(now: .zero, request: &request) == 1)
        #expect(request.hashTries == 1)
    }

    @Test func ipHashUsesTheFirstThreeOctets() {
        var balancer = TestUpstream.balancer(TestUpstream.servers(weights: [1, 1, 1]), method: .ipHash)
        let ip = { (a: UInt32, b: UInt32, c: UInt32, d: UInt32) in BalancingKey.clientIPv4(a << 24 | b << 16 | c << 8 | d) }
        #expect(pick(&balancer, ip(192, 168, 1, 77)) == 1)
        #expect(pick(&balancer, ip(192, 168, 1, 200)) == 1)
        #expect(pick(&balancer, ip(10, 0, 0, 1)) == 0)
        #expect(pick(&balancer, ip(192, 168, 2, 77)) == 2)
    }

    @Test func ipHashRehashesWhenThePickedServerIsUnusable() {
        // 192.168.1.x over 3 servers: b, c, c, a, ... With b down: c.
        var servers = TestUpstream.servers(weights: [1, 1, 1])
        servers[1].isDown = true
        var balancer = TestUpstream.balancer(servers, method: .ipHash)
        var request = balancer.beginRequest(key: .clientIPv4(192 << 24 | 168 << 16 | 1 << 8 | 77))
        #expect(balancer.select(now: .zero, request: &request) == 2)
        #expect(request.hashTries == 1)
    }

    @Test func ipHashFallsBackToRoundRobinAfterTwentyAttempts() {
        var servers = TestUpstream.servers(weights: [1, 100])
        servers[1].isDown = true
        var balancer = TestUpstream.balancer(servers, method: .ipHash)
        var request = balancer.beginRequest(key: .clientIPv4(10 << 24 | 5))
        #expect(balancer.select(now: .zero, request: &request) == 0)
        #expect(request.hashTries == 21)
    }
}
