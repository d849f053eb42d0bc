import Measurement
import ProxyModel
import Testing

/// Averages over fixed one-second windows: the peak a whole-run mean hides.
@Suite struct WindowedGaugeTests {
    func at(_ milliseconds: Int64) -> Instant { Instant(nanoseconds: milliseconds * 1_000_000) }

    @Test func aBurstFillingOneWindowPeaksThereWhileTheMeanStaysLow() {
        // 4 busy for the whole of second 2, idle otherwise, over 10 s.
        var gauge = WindowedGauge(window: .seconds(1), highLevel: 3.6)
        gauge.increment(by: 4, at: at(2000))
        gauge.decrement(by: 4, at: at(3000))
        #expect(gauge.peakWindowAverage(until: at(10_000)) == 4)
        #expect(gauge.timeWeightedAverage(until: at(10_000)) == 0.4)
        #expect(gauge.windowCounts(until: at(10_000)) == (ended: 10, high: 1))
    }

    @Test func aBurstStraddlingTwoWindowsIsSplitBetweenThem() {
        var gauge = WindowedGauge(window: .seconds(1), highLevel: 1)
        gauge.increment(by: 2, at: at(1500))
        gauge.decrement(by: 2, at: at(2500))
        // Half of each of windows 1 and 2 at level 2: each averages 1.
        #expect(gauge.peakWindowAverage(until: at(4000)) == 1)
        #expect(gauge.windowCounts(until: at(4000)) == (ended: 4, high: 2))
    }

    @Test func onlyWindowsObservedWholeCount() {
        var gauge = WindowedGauge(window: .seconds(1), highLevel: 1)
        gauge.increment(by: 5, at: at(0))
        gauge.restartWindow(at: at(500))  // mid-window: window 0 is not whole
        gauge.decrement(by: 5, at: at(900))
        // Window 0 (mostly at 5) is left out; the running window 2 is not ended yet.
        #expect(gauge.peakWindowAverage(until: at(2500)) == 0)
        #expect(gauge.windowCounts(until: at(2500)) == (ended: 1, high: 0))
        #expect(WindowedGauge(window: .seconds(1), highLevel: 1).peakWindowAverage(until: at(999)) == nil)
    }

    @Test func manyQuietWindowsCostOneStepAndAreAllCounted() {
        // A year of windows at level 1: counted without a step per window.
        var gauge = WindowedGauge(window: .seconds(1), highLevel: 1, value: 1)
        let year = Instant(nanoseconds: 365 * 86_400 * 1_000_000_000)
        gauge.set(0, at: year)
        #expect(gauge.windowCounts(until: year) == (ended: 365 * 86_400, high: 365 * 86_400))
        #expect(gauge.peakWindowAverage(until: year) == 1)
    }
}
