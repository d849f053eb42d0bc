import Measurement
import ProxyModel
import Testing

private func at(_ seconds: Int64) -> Instant { Instant(nanoseconds: seconds * 1_000_000_000) }

@Test func timeWeightedAverageIsTheAreaUnderTheLevelOverTheWindow() throws {
    var gauge = PeakGauge()
    gauge.increment(at: at(1))  // 1 from 1s
    gauge.increment(at: at(2))  // 2 from 2s
    gauge.increment(at: at(3))  // 3 from 3s
    gauge.decrement(by: 2, at: at(5))  // 1 from 5s
    gauge.decrement(at: at(8))  // 0 from 8s
    // Area over [0s, 10s]: 0*1 + 1*1 + 2*1 + 3*2 + 1*3 + 0*2 = 12 connection-seconds.
    #expect(gauge.integral(until: at(10)) == 12_000_000_000)
    #expect(gauge.timeWeightedAverage(until: at(10)) == 1.2)
    #expect(gauge.peak == 3)
    #expect(gauge.current == 0)
    // Asking does not change the gauge: the same question gives the same answer.
    #expect(gauge.timeWeightedAverage(until: at(10)) == 1.2)
    #expect(gauge.timeWeightedAverage(until: at(20)) == 0.6)
}

@Test func restartingTheWindowForgetsTheWarmUp() throws {
    var gauge = PeakGauge(value: 5, at: at(0))
    gauge.set(1, at: at(4))
    gauge.restartWindow(at: at(10))
    #expect(gauge.peak == 1)
    #expect(gauge.observedSince == at(10))
    #expect(gauge.timeWeightedAverage(until: at(10)) == nil)
    gauge.set(3, at: at(11))
    // Over [10s, 12s]: 1*1 + 3*1 = 4 level-seconds.
    #expect(gauge.timeWeightedAverage(until: at(12)) == 2)
    #expect(gauge.peak == 3)
}

@Test func anEarlierTimestampAddsNoArea() {
    var gauge = PeakGauge()
    gauge.set(2, at: at(5))
    gauge.set(4, at: at(3))  // out of order: counts as happening at 5s
    // Over [0s, 6s]: 0*5 + 4*1 = 4.
    #expect(gauge.integral(until: at(6)) == 4_000_000_000)
    #expect(gauge.peak == 4)
}

@Test func emptyWindowHasNoAverage() {
    let gauge = PeakGauge(value: 3, at: at(2))
    #expect(gauge.timeWeightedAverage(until: at(2)) == nil)
    #expect(gauge.timeWeightedAverage(until: at(1)) == nil)
    #expect(gauge.peak == 3)
}

@Test func integralDoesNotOverflowForAMillionConnectionsOverAYear() {
    var gauge = PeakGauge()
    gauge.set(1_000_000, at: at(0))
    let year = at(365 * 86_400)
    #expect(gauge.integral(until: year) == Int128(1_000_000) * Int128(year.nanoseconds))
    #expect(gauge.timeWeightedAverage(until: year) == 1_000_000)
}
