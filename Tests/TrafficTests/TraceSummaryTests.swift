import Testing
import ProxyModel
import Randomness
import Traffic

@Suite struct TraceSummaryTests {
    static func summary(_ times: [Int64], client: (Int) -> Int32 = { _ in 0 }) -> TraceSummary {
        var s = TraceSummary()
        for (i, t) in times.enumerated() { s.add(TraceRecord(time: Instant(nanoseconds: t), client: client(i))) }
        return s
    }

    @Test func evenlySpacedRequestsHaveNoVariationAndAFlatRate() {
        let s = Self.summary((0..<1_000).map { Int64($0) * 10_000_000 }, client: { Int32($0 % 7) })
        #expect(s.records == 1_000 && s.distinctClients == 7 && s.largestClient == 6)
        #expect((s.meanRate - 100).magnitude < 1e-9)
        #expect(s.gapVariation! < 1e-6, "rounding only")
        #expect(s.dispersionIndex == 0)
        #expect(s.peakPerSecond == 100)
    }

    @Test func poissonArrivalsLookPoissonAndOnOffBurstsLookBursty() {
        var random = SeedSequence(masterSeed: 5).stream(named: "summary-test")
        var poisson = TraceSummary()
        var generator = ArrivalGenerator(pattern: .constant(perSecond: 200), spacing: .poisson, random: random)
        while let t = generator.next(), t.nanoseconds < 300_000_000_000 { poisson.add(TraceRecord(time: t, client: 0)) }
        #expect((poisson.gapVariation! - 1).magnitude < 0.05, "\(poisson.gapVariation!)")
        #expect((poisson.dispersionIndex! - 1).magnitude < 0.3, "\(poisson.dispersionIndex!)")
        var bursts = TraceSummary()
        random = SeedSequence(masterSeed: 5).stream(named: "summary-test")
        generator = ArrivalGenerator(pattern: .bursty(baseRate: 0, burstRate: 1_000, burstLength: .seconds(2), period: .seconds(20)),
                                     spacing: .poisson, random: random)
        while let t = generator.next(), t.nanoseconds < 300_000_000_000 { bursts.add(TraceRecord(time: t, client: 0)) }
        #expect(bursts.dispersionIndex! > 100)
        #expect(bursts.peakToMean! > 8)
    }

    @Test func aLongTraceKeepsAtMostAThousandBucketsCoveringEveryRequest() {
        let s = Self.summary((0..<5_000).map { Int64($0) * 3_000_000_000 })
        #expect(s.buckets.count <= TraceSummary.maximumBuckets)
        #expect(s.buckets.reduce(0, +) == 5_000)
        #expect(Int64(s.buckets.count) * s.bucketWidth > 4_999 * 3_000_000_000)
    }
}
