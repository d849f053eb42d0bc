import Testing
import Simulation

@Suite struct RandomStreamTests {
    /// xoshiro256** seeded through SplitMix64: pin the first outputs so a
    /// change to either algorithm is caught (it would change every result).
    @Test func splitMix64MatchesTheReferenceOutputs() {
        // Reference values of SplitMix64 for seed 1234567 (Vigna's splitmix64.c).
        var g = SplitMix64(seed: 1_234_567)
        let got = (0..<5).map { _ in g.next() }
        #expect(got == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                        4_593_380_528_125_082_431, 16_408_922_859_458_223_821])
    }

    @Test func theSameSeedGivesTheSameSequence() {
        var a = RandomStream(seed: 99), b = RandomStream(seed: 99)
        for _ in 0..<1000 { #expect(a.next() == b.next()) }
    }

    @Test func aDrawAddedToOneNamedStreamLeavesAnotherUnchanged() {
        let seeds = SeedSequence(masterSeed: 7)
        var arrivalsAlone = seeds.stream(named: "arrivals")
        let expected = (0..<100).map { _ in arrivalsAlone.next() }

        var arrivals = seeds.stream(named: "arrivals")
        var service = seeds.stream(named: "service")
        var got: [UInt64] = []
        for i in 0..<100 {
            if i % 3 == 0 { _ = service.next() }  // extra draws elsewhere
            got.append(arrivals.next())
        }
        #expect(got == expected)
    }

    @Test func differentNamesIndicesReplicationsAndSeedsGiveDifferentStreams() {
        let base = SeedSequence(masterSeed: 7)
        let seeds: [UInt64] = [
            base.seed(named: "arrivals"), base.seed(named: "service"), base.seed(named: "arrivals", index: 1),
            SeedSequence(masterSeed: 7, replication: 1).seed(named: "arrivals"),
            SeedSequence(masterSeed: 8).seed(named: "arrivals"),
        ]
        #expect(Set(seeds).count == seeds.count)
    }

    @Test func namedStreamsAreUncorrelated() {
        // Pearson correlation of 100k paired uniforms from two streams: |r| < 5/sqrt(n).
        let seeds = SeedSequence(masterSeed: 1)
        var a = seeds.stream(named: "a"), b = seeds.stream(named: "b")
        let n = 100_000
        var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
        for _ in 0..<n {
            let x = a.nextUnitInterval(), y = b.nextUnitInterval()
            sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y
        }
        let nd = Double(n)
        let r = (sxy - sx * sy / nd) / ((sxx - sx * sx / nd) * (syy - sy * sy / nd)).squareRoot()
        #expect(abs(r) < 5 / nd.squareRoot(), "r = \(r)")
    }

    @Test func boundedDrawsAreUniformAndInRange() {
        var g = RandomStream(seed: 5)
        var counts = [Int](repeating: 0, count: 7)
        let n = 70_000
        for _ in 0..<n {
            let v = g.next(below: 7)
            #expect(v < 7)
            counts[Int(v)] += 1
        }
        // Each count is Binomial(n, 1/7): within 5 standard deviations.
        let mean = Double(n) / 7, sd = (Double(n) * (1.0 / 7) * (6.0 / 7)).squareRoot()
        for c in counts { #expect(abs(Double(c) - mean) < 5 * sd, "counts \(counts)") }
    }

    @Test func unitIntervalsStayInRange() {
        var g = RandomStream(seed: 11)
        for _ in 0..<100_000 {
            let u = g.nextUnitInterval(), o = g.nextOpenUnitInterval()
            #expect(u >= 0 && u < 1)
            #expect(o > 0 && o <= 1)
        }
    }
}
