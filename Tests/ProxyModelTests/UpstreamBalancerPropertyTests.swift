import Randomness
import ProxyModel
import Testing

@Suite struct UpstreamBalancerPropertyTests {
    /// Over random interleavings of selections and releases (no failures), every
    /// cycle of sum(weights) consecutive smooth-weighted picks gives each server
    /// exactly its weight.
    @Test func smoothWeightedRoundRobinGivesEachServerItsWeightInEveryCycle() {
        for seed in UInt64(0)..<300 {
            var random = SplitMix64(state: seed)
            let weights = (0..<(2 + random.next(below: 5))).map { _ in 1 + random.next(below: 9) }
            let cycle = weights.reduce(0, +)
            var balancer = TestUpstream.balancer(TestUpstream.servers(weights: weights))
            var held: [Int] = []
            var counts = [Int](repeating: 0, count: weights.count)
            var picks = 0
            while picks < cycle * 4 {
                if !held.isEmpty, random.next(below: 3) == 0 {
                    let index = random.next(below: held.count)
                    balancer.release(server: held.remove(at: index), outcome: .notFailed, now: .zero)
                    continue
                }
                var request = balancer.beginRequest()
                guard let server = balancer.select(now: .zero, request: &request) else {
                    Issue.record("seed \(seed): no server selected")
                    return
                }
                held.append(server)
                counts[server] += 1
                picks += 1
                if picks % cycle == 0 {
                    if counts != weights {
                        Issue.record("seed \(seed): weights \(weights) but a cycle gave \(counts)")
                        return
                    }
                    counts = [Int](repeating: 0, count: weights.count)
                }
            }
        }
    }
}
