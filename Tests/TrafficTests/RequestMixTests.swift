import Testing
import ProxyModel
import Randomness
import Traffic

/// Method frequencies against their weights: each count is Binomial(n, p),
/// within 5 sqrt(n p (1 - p)) of n p (a false alarm has probability ~6e-7).
@Suite struct RequestMixTests {
    static func counts(_ mix: RequestMix, draws n: Int, seed: UInt64) -> [HTTPMethod: Int] {
        var random = RandomStream(seed: seed)
        var counts: [HTTPMethod: Int] = [:]
        for _ in 0..<n { counts[mix.drawMethod(using: &random), default: 0] += 1 }
        return counts
    }

    @Test func methodFrequenciesMatchTheirWeights() {
        let mix = RequestMix(methods: [(.get, 6), (.post, 3), (.put, 0.75), (.delete, 0.25)])
        let n = 100_000
        for seed in UInt64(1)...5 {
            let counts = Self.counts(mix, draws: n, seed: seed)
            #expect(counts.values.reduce(0, +) == n)
            for (method, weight) in mix.methods {
                let p = weight / 10, expected = Double(n) * p
                let tolerance = 5 * (Double(n) * p * (1 - p)).squareRoot()
                let got = Double(counts[method] ?? 0)
                #expect(abs(got - expected) <= tolerance, "seed \(seed): \(method) \(got) times, expected \(expected)")
            }
        }
    }

    @Test func methodsOfZeroOrUnusableWeightAreNeverDrawn() {
        let mix = RequestMix(methods: [(.post, 0), (.get, 0.1), (.put, -1), (.head, 0.2), (.delete, .nan), (.patch, 0)])
        for seed in UInt64(1)...5 {
            let counts = Self.counts(mix, draws: 20_000, seed: seed)
            #expect(Set(counts.keys) == [.get, .head], "seed \(seed): \(counts)")
        }
    }

    @Test func aMixWithoutAnyUsableMethodDrawsGetInsteadOfTrapping() {
        var random = RandomStream(seed: 1)
        for methods: [(method: HTTPMethod, weight: Double)] in [[], [(.post, 0), (.put, 0)], [(.post, -2), (.put, .infinity)]] {
            #expect(RequestMix(methods: methods).drawMethod(using: &random) == .get)
        }
    }

    @Test func aSingleMethodIsAlwaysDrawnWithoutConsumingRandomness() {
        var random = RandomStream(seed: 9), untouched = RandomStream(seed: 9)
        let mix = RequestMix(methods: [(.post, 1)])
        for _ in 0..<100 { #expect(mix.drawMethod(using: &random) == .post) }
        #expect(random.next() == untouched.next())
    }

    @Test func theDefaultMixIsGetWithNoRequestBodyAndAThousandByteResponse() {
        var random = RandomStream(seed: 1)
        let mix = RequestMix()
        #expect(mix.drawMethod(using: &random) == .get)
        #expect(RequestMix.drawBytes(mix.requestBytes, using: &random) == 0)
        #expect(RequestMix.drawBytes(mix.responseBytes, using: &random) == 1_000)
    }

    @Test func drawnByteCountsAreRoundedAndNeverNegative() throws {
        let distributions: [Distribution] = [
            .normal(mean: 0, standardDeviation: 1_000), .uniform(low: -10, high: 10), .constant(-5), .constant(.nan),
            .constant(-.infinity), .exponential(mean: 2_000), .lognormal(mu: 7, sigma: 3), .pareto(scale: 1, shape: 0.01),
        ]
        for d in distributions {
            var random = RandomStream(seed: 3)
            for _ in 0..<20_000 {
                let bytes = RequestMix.drawBytes(d, using: &random)
                if bytes < 0 || bytes > 1_000_000_000_000_000 { Issue.record("\(d): drew \(bytes)"); break }
            }
        }
        var random = RandomStream(seed: 1)
        #expect(RequestMix.drawBytes(.constant(2.5), using: &random) == 3)
        #expect(RequestMix.drawBytes(.constant(2.4), using: &random) == 2)
        #expect(RequestMix.drawBytes(.constant(1e300), using: &random) == 1_000_000_000_000_000)
        #expect(RequestMix.drawBytes(.constant(.infinity), using: &random) == 1_000_000_000_000_000)
    }

    @Test func mixesWithTheSameMethodsWeightsAndSizesAreEqual() {
        let a = RequestMix(methods: [(.get, 9), (.post, 1)], requestBytes: .constant(10))
        let b = RequestMix(methods: [(.get, 9), (.post, 1)], requestBytes: .constant(10))
        let reordered = RequestMix(methods: [(.post, 1), (.get, 9)], requestBytes: .constant(10))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != reordered)
        #expect(a != RequestMix(methods: [(.get, 9), (.post, 2)], requestBytes: .constant(10)))
    }
}
