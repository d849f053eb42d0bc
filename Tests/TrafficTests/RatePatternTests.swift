import Testing
import ProxyModel
import Traffic

/// `rate(at:)`, `maximumRate` and `meanRate` of every case on examples
/// worked out by hand.
@Suite struct RatePatternTests {
    static func at(_ seconds: Double) -> Instant { Instant(nanoseconds: Int64((seconds * 1e9).rounded())) }

    @Test func constantRateIsTheSameEverywhere() {
        let p = RatePattern.constant(perSecond: 250)
        for t in [0.0, 0.001, 17, 86_400] { #expect(p.rate(at: Self.at(t)) == 250) }
        #expect(p.maximumRate == 250)
        #expect(p.meanRate == 250)
    }

    @Test func stepsHoldEachRateForItsDurationAndRepeatAsACycle() {
        // 2 s at 10/s, 3 s at 0/s, 1 s at 40/s: a 6 s cycle with (20 + 0 + 40) / 6 = 10 events/s on average.
        let p = RatePattern.steps([.init(duration: .seconds(2), perSecond: 10), .init(duration: .seconds(3), perSecond: 0),
                                   .init(duration: .seconds(1), perSecond: 40)])
        let expected: [(Double, Double)] = [(0, 10), (1.999_999_999, 10), (2, 0), (4.999_999_999, 0), (5, 40), (5.999_999_999, 40),
                                            (6, 10), (6 * 1000 + 2.5, 0), (6 * 1000 + 5.5, 40)]
        for (t, rate) in expected { #expect(p.rate(at: Self.at(t)) == rate, "t=\(t)") }
        #expect(p.maximumRate == 40)
        #expect(p.meanRate == 10)
    }

    @Test func stepsBeforeTimeZeroContinueTheCycleBackwards() {
        let p = RatePattern.steps([.init(duration: .seconds(2), perSecond: 10), .init(duration: .seconds(1), perSecond: 40)])
        #expect(p.rate(at: Self.at(-0.5)) == 40)  // -0.5 s is 2.5 s into the previous cycle
        #expect(p.rate(at: Self.at(-1.5)) == 10)
    }

    @Test func stepsOfZeroOrNegativeDurationAreLeftOut() {
        let p = RatePattern.steps([.init(duration: .zero, perSecond: 1_000), .init(duration: .seconds(1), perSecond: 5),
                                   .init(duration: .seconds(-3), perSecond: 900), .init(duration: .seconds(1), perSecond: 15)])
        #expect(p.rate(at: .zero) == 5)
        #expect(p.rate(at: Self.at(1)) == 15)
        #expect(p.maximumRate == 15)
        #expect(p.meanRate == 10)
    }

    @Test func noStepsAtAllIsAZeroRate() {
        for p in [RatePattern.steps([]), .steps([.init(duration: .zero, perSecond: 7)])] {
            #expect(p.rate(at: Self.at(3)) == 0)
            #expect(p.maximumRate == 0)
            #expect(p.meanRate == 0)
        }
    }

    @Test func burstyIsTheBurstRateAtTheStartOfEachPeriodAndTheBaseRateOtherwise() {
        // Every 4 s, 1 s at 100/s then 3 s at 10/s: (100 + 30) / 4 = 32.5 events/s on average.
        let p = RatePattern.bursty(baseRate: 10, burstRate: 100, burstLength: .seconds(1), period: .seconds(4))
        let expected: [(Double, Double)] = [(0, 100), (0.999_999_999, 100), (1, 10), (3.999_999_999, 10), (4, 100), (402.5, 10)]
        for (t, rate) in expected { #expect(p.rate(at: Self.at(t)) == rate, "t=\(t)") }
        #expect(p.maximumRate == 100)
        #expect(p.meanRate == 32.5)
    }

    @Test func burstyBurstRateReplacesTheBaseRateAsModelsReadmeSays() {
        // models/README.md's example: 2,000/s during a burst (not 2,200), 320/s on average.
        let p = RatePattern.bursty(baseRate: 200, burstRate: 2000, burstLength: .seconds(2), period: .seconds(30))
        #expect(p.rate(at: Self.at(1)) == 2000)
        #expect(p.rate(at: Self.at(2)) == 200)
        #expect(p.meanRate == 320)
    }

    @Test func burstyWithoutAPeriodIsTheBaseRateAndWithABurstAsLongAsThePeriodTheBurstRate() {
        let noPeriod = RatePattern.bursty(baseRate: 10, burstRate: 100, burstLength: .seconds(1), period: .zero)
        #expect(noPeriod.rate(at: .zero) == 10)
        #expect(noPeriod.maximumRate == 10)
        #expect(noPeriod.meanRate == 10)
        let allBurst = RatePattern.bursty(baseRate: 10, burstRate: 100, burstLength: .seconds(5), period: .seconds(4))
        #expect(allBurst.rate(at: Self.at(3.5)) == 100)
        #expect(allBurst.maximumRate == 100)
        #expect(allBurst.meanRate == 100)
        let noBurst = RatePattern.bursty(baseRate: 10, burstRate: 100, burstLength: .zero, period: .seconds(4))
        #expect(noBurst.rate(at: .zero) == 10)
        #expect(noBurst.maximumRate == 10)
        #expect(noBurst.meanRate == 10)
    }

    @Test func diurnalFollowsTheSineAroundItsMean() {
        // mean 100, amplitude 0.5, period 40 s: 100 at 0 s, 150 at 10 s, 100 at 20 s, 50 at 30 s.
        let p = RatePattern.diurnal(meanRate: 100, amplitude: 0.5, period: .seconds(40), phaseRadians: 0)
        let expected: [(Double, Double)] = [(0, 100), (10, 150), (20, 100), (30, 50), (40, 100), (4010, 150)]
        for (t, rate) in expected { #expect(abs(p.rate(at: Self.at(t)) - rate) < 1e-9, "t=\(t)") }
        #expect(p.maximumRate == 150)
        #expect(p.meanRate == 100)
        // A phase of π/2 starts at the peak.
        let shifted = RatePattern.diurnal(meanRate: 100, amplitude: 0.5, period: .seconds(40), phaseRadians: Double.pi / 2)
        #expect(abs(shifted.rate(at: .zero) - 150) < 1e-9)
        #expect(abs(shifted.rate(at: Self.at(20)) - 50) < 1e-9)
    }

    @Test func diurnalAmplitudeIsClampedToZeroThroughOne() {
        let deep = RatePattern.diurnal(meanRate: 100, amplitude: 3, period: .seconds(40), phaseRadians: 0)
        #expect(abs(deep.rate(at: Self.at(10)) - 200) < 1e-9)
        #expect(abs(deep.rate(at: Self.at(30))) < 1e-9)
        #expect(deep.maximumRate == 200)
        #expect(deep.meanRate == 100)
        let flat = RatePattern.diurnal(meanRate: 100, amplitude: -0.5, period: .seconds(40), phaseRadians: 0)
        #expect(flat.rate(at: Self.at(10)) == 100)
        #expect(flat.maximumRate == 100)
        let noPeriod = RatePattern.diurnal(meanRate: 100, amplitude: 0.5, period: .zero, phaseRadians: 1)
        #expect(noPeriod.rate(at: Self.at(10)) == 100)
    }

    @Test func negativeNaNAndInfiniteRatesCountAsZero() {
        for bad in [-5.0, .nan, .infinity, -.infinity] {
            let patterns: [RatePattern] = [
                .constant(perSecond: bad),
                .steps([.init(duration: .seconds(1), perSecond: bad)]),
                .bursty(baseRate: bad, burstRate: bad, burstLength: .seconds(1), period: .seconds(2)),
                .diurnal(meanRate: bad, amplitude: 0.5, period: .seconds(10), phaseRadians: 0),
            ]
            for p in patterns {
                #expect(p.rate(at: Self.at(0.5)) == 0, "\(p)")
                #expect(p.maximumRate == 0, "\(p)")
                #expect(p.meanRate == 0, "\(p)")
            }
        }
        let mixed = RatePattern.steps([.init(duration: .seconds(1), perSecond: -5), .init(duration: .seconds(1), perSecond: 8)])
        #expect(mixed.rate(at: .zero) == 0)
        #expect(mixed.maximumRate == 8)
        #expect(mixed.meanRate == 4)
    }
}
