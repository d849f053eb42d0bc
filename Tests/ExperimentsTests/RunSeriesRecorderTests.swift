import ProxyModel
import Simulation
import Testing
import Experiments

/// The per-window series behind `--report`'s time charts.
@Suite struct RunSeriesRecorderTests {
    static func at(_ milliseconds: Int64) -> Instant { Instant.zero + .milliseconds(milliseconds) }

    /// Ten seconds, one worker with 4 slots, measured from 1 s: windows of 20 ms.
    static func recorder(workers: Int = 1) -> RunSeriesRecorder {
        RunSeriesRecorder(series: RunSeries(length: .seconds(10), workers: workers, poolSlots: 4,
                                            measuredFrom: at(1_000), measuredUntil: at(10_000)))
    }

    static func event(_ kind: LifecycleEvent.Kind, at milliseconds: Int64, connection: Int64 = 1, worker: Int32 = 0) -> LifecycleEvent {
        LifecycleEvent(time: at(milliseconds), kind: kind, connection: connection, worker: worker)
    }

    static func window(for length: TimeSpan) -> TimeSpan {
        RunSeries(length: length, workers: 1, poolSlots: 1, measuredFrom: .zero, measuredUntil: .zero).window
    }

    @Test func windowsAreRoundAndNeverMoreThanTheCap() {
        #expect(Self.window(for: .seconds(10)) == .milliseconds(20))
        #expect(Self.window(for: .seconds(86_400)) == .seconds(200))
        #expect(Self.window(for: .milliseconds(5)) == .milliseconds(1))
        for seconds: Int64 in [1, 7, 10, 61, 3_600, 86_400, 365 * 86_400] {
            let series = RunSeries(length: .seconds(seconds), workers: 2, poolSlots: 8, measuredFrom: .zero, measuredUntil: .zero)
            #expect(series.windowCount <= RunSeries.maximumWindows, "\(seconds) s")
            #expect(Double(series.windowCount) * series.window.seconds >= Double(seconds), "\(seconds) s")
        }
    }

    @Test func levelsCarryThroughWindowsWithoutEvents() {
        let recorder = Self.recorder()
        recorder.record(Self.event(.upstreamOpen, at: 100))
        recorder.record(Self.event(.upstreamIdle, at: 200))
        recorder.record(Self.event(.upstreamReuse, at: 5_000))
        recorder.record(Self.event(.upstreamClose, at: 6_000))
        let series = recorder.finished()
        let window = { (milliseconds: Int64) in series.windowIndex(of: Self.at(milliseconds)) }
        #expect(series.peakOpen[0][window(3_000)] == 1)
        #expect(series.peakIdle[0][window(3_000)] == 1)
        #expect(series.peakIdle[0][window(5_500)] == 0)
        #expect(series.peakOpen[0][window(5_500)] == 1)
        #expect(series.peakOpen[0][window(9_000)] == 0)
        #expect(series.opened.reduce(0, +) == 1)
        #expect(series.opened[window(100)] == 1)
    }

    @Test func occupancyCountsOnlyTheMeasuredTimeAtEachIdleLevel() {
        let recorder = Self.recorder()
        recorder.record(Self.event(.upstreamOpen, at: 100, connection: 1))
        recorder.record(Self.event(.upstreamOpen, at: 100, connection: 2))
        recorder.record(Self.event(.upstreamIdle, at: 200, connection: 1))
        recorder.record(Self.event(.upstreamIdle, at: 3_000, connection: 2))
        // nginx closes the idle connection 1 (its keepalive_timeout): idle falls with it.
        recorder.record(Self.event(.upstreamClose, at: 4_000, connection: 1))
        recorder.record(Self.event(.upstreamReuse, at: 5_000, connection: 2))
        let series = recorder.finished()
        #expect(series.idleLevelTime[0] == [5_000_000_000, 3_000_000_000, 1_000_000_000, 0, 0])
    }

    @Test func eventsOfUnknownWorkersAndAfterTheEndAreLeftOut() {
        let recorder = Self.recorder(workers: 2)
        recorder.record(Self.event(.upstreamOpen, at: 100, worker: 7))
        recorder.record(Self.event(.upstreamOpen, at: 100, worker: -1))
        recorder.record(Self.event(.upstreamOpen, at: 9_999, worker: 1))
        recorder.record(Self.event(.upstreamOpen, at: 10_000, worker: 1))
        recorder.record(Self.event(.upstreamClose, at: 5_000, connection: 9, worker: 0))
        let series = recorder.finished()
        #expect(series.opened.reduce(0, +) == 1)
        #expect(series.opened[series.windowCount - 1] == 1)
        #expect(series.peakOpen[0].allSatisfy { $0 == 0 })
    }

    @Test func aPoolLargerThanTheLevelCapLumpsTheTopLevels() {
        let series = RunSeries(length: .seconds(1), workers: 1, poolSlots: 10_000, measuredFrom: .zero, measuredUntil: Self.at(1_000))
        #expect(series.idleLevelCap == RunSeries.maximumIdleLevels)
        #expect(series.idleLevelTime[0].count == RunSeries.maximumIdleLevels + 1)
    }
}
