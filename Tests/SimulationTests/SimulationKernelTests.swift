import Testing
import ProxyModel
import Simulation
import Randomness

@Suite struct SimulationKernelTests {
    @Test func eventsAtTheSameInstantRunInSchedulingOrder() {
        var kernel = SimulationKernel<TestEvent>()
        for label in [UInt32(3), 1, 2] { kernel.schedule(TestEvent(label: label), at: Instant(nanoseconds: 10)) }
        kernel.schedule(TestEvent(label: 0), at: Instant(nanoseconds: 5))
        var recorder = Recorder()
        #expect(kernel.run(&recorder) == .idle)
        #expect(recorder.labels == [0, 3, 1, 2])
    }

    /// nginx's same-instant rule (ngx_process_events_and_timers): network
    /// events of a loop pass run before the timers that expired in it, so a
    /// request arriving exactly when an idle timer expires finds the
    /// connection open.
    @Test func networkEventsRunBeforeTimersAtTheSameInstantEvenIfTheTimerWasArmedFirst() {
        var kernel = SimulationKernel<TestEvent>()
        let idle = kernel.makeTimer()
        kernel.arm(idle, at: Instant(nanoseconds: 100), event: TestEvent(label: 1))
        kernel.schedule(TestEvent(label: 2), at: Instant(nanoseconds: 100))
        var recorder = Recorder()
        _ = kernel.run(&recorder)
        #expect(recorder.labels == [2, 1])
    }

    @Test func cancelledTimersNeverFire() {
        for seed in UInt64(1)...200 {
            var random = RandomStream(seed: seed)
            var kernel = SimulationKernel<TestEvent>()
            var timers: [TimerID] = []
            var armed: [Int64?] = []
            for _ in 0..<20 { timers.append(kernel.makeTimer()); armed.append(nil) }
            for step in 0..<200 {
                let t = Int(random.next(below: 20))
                if random.next(below: 3) == 0 {
                    kernel.cancel(timers[t]); armed[t] = nil
                } else {
                    let d = Int64(random.next(below: 1_000))
                    kernel.arm(timers[t], at: Instant(nanoseconds: d), event: TestEvent(label: UInt32(t), actor: UInt32(step)))
                    armed[t] = d
                }
            }
            var recorder = Recorder()
            _ = kernel.run(&recorder)
            let expected = (0..<20).compactMap { t in armed[t].map { (time: $0, label: UInt32(t)) } }
                .sorted { $0.time < $1.time }
            #expect(recorder.delivered.count == expected.count, "seed \(seed)")
            #expect(Set(recorder.labels) == Set(expected.map(\.label)), "seed \(seed)")
            for (got, want) in zip(recorder.delivered.sorted { ($0.time, $0.label) < ($1.time, $1.label) },
                                   expected.sorted { ($0.time, $0.label) < ($1.time, $1.label) }) {
                #expect(got.time == want.time && got.label == want.label, "seed \(seed)")
            }
        }
    }

    /// Thousands of timers (so the queue uses its bucket ring) re-armed
    /// later, earlier (orphans, then compaction) and cancelled, between
    /// plain events: each timer fires once, exactly at its last deadline,
    /// unless cancelled; deliveries never go back in time; at one instant
    /// network events come before timers.
    @Test func timersAtScaleFireOnceAtTheirLastDeadline() {
        struct Checker: SimulationEventHandler {
            var deliveries: [(time: Int64, event: TestEvent)] = []
            mutating func handle(_ event: TestEvent, kernel: inout SimulationKernel<TestEvent>) {
                deliveries.append((kernel.now.nanoseconds, event))
            }
        }
        for seed in UInt64(1)...3 {
            var random = RandomStream(seed: seed)
            var kernel = SimulationKernel<TestEvent>()
            let timers = (0..<3_000).map { _ in kernel.makeTimer() }
            var lastDeadline = [Int64?](repeating: nil, count: timers.count)
            for step in 0..<60_000 {
                let t = Int(random.next(below: UInt64(timers.count)))
                switch random.next(below: 10) {
                case 0:
                    kernel.cancel(timers[t]); lastDeadline[t] = nil
                case 1...3:
                    kernel.schedule(TestEvent(label: 1_000_000, actor: UInt32(step)),
                                    at: Instant(nanoseconds: Int64(random.next(below: 1 << 30))))
                default:
                    // Mostly later (idle timers), sometimes earlier; often on the same instants.
                    let deadline = Int64(random.next(below: 4_096)) << 18
                    kernel.arm(timers[t], at: Instant(nanoseconds: deadline), event: TestEvent(label: UInt32(t), actor: UInt32(step)))
                    lastDeadline[t] = deadline
                }
            }
            var checker = Checker()
            #expect(kernel.run(&checker) == .idle, "seed \(seed)")
            var fired = [Int64?](repeating: nil, count: timers.count)
            var previous: (time: Int64, isTimer: Bool) = (.min, false)
            for (time, event) in checker.deliveries {
                let isTimer = event.label < 1_000_000
                if time < previous.time || (time == previous.time && previous.isTimer && !isTimer) {
                    Issue.record("seed \(seed): delivery at \(time) after \(previous)")
                    return
                }
                previous = (time, isTimer)
                guard isTimer else { continue }
                if fired[Int(event.label)] != nil { Issue.record("seed \(seed): timer \(event.label) fired twice"); return }
                fired[Int(event.label)] = time
            }
            #expect(fired == lastDeadline, "seed \(seed)")
            #expect(kernel.queuedEntryCount == 0)
        }
    }

    @Test func reArmingOneTimerAMillionTimesKeepsTheQueueBounded() {
        var kernel = SimulationKernel<TestEvent>()
        let timer = kernel.makeTimer()
        for i in 0..<1_000_000 {
            // Later each time (the idle-timer pattern), and sometimes earlier.
            let deadline = i % 1000 == 500 ? Int64(1_000_000_000) : Int64(2_000_000_000 + i)
            kernel.arm(timer, at: Instant(nanoseconds: deadline), event: TestEvent(label: 7))
            #expect(kernel.queuedEntryCount <= 2_100, "queue grew to \(kernel.queuedEntryCount) at re-arm \(i)")
            if kernel.queuedEntryCount > 2_100 { return }
        }
        var recorder = Recorder()
        _ = kernel.run(&recorder)
        #expect(recorder.delivered.count == 1)
        #expect(recorder.delivered.first?.time == Int64(2_000_999_999))
    }

    @Test func reArmingOneTimerEarlierAMillionTimesIsCompactedAway() {
        var kernel = SimulationKernel<TestEvent>()
        let timer = kernel.makeTimer()
        var peak = 0
        for i in 0..<1_000_000 {
            kernel.arm(timer, at: Instant(nanoseconds: Int64(10_000_000 - i)), event: TestEvent(label: 7))
            peak = max(peak, kernel.queuedEntryCount)
        }
        #expect(peak <= 2_100, "queue peaked at \(peak) entries")
        var recorder = Recorder()
        _ = kernel.run(&recorder)
        #expect(recorder.delivered.map(\.time) == [10_000_000 - 999_999])
    }

    @Test func timerReArmedToALaterDeadlineFiresOnlyAtTheLaterDeadline() {
        var kernel = SimulationKernel<TestEvent>()
        let timer = kernel.makeTimer()
        kernel.arm(timer, at: Instant(nanoseconds: 10), event: TestEvent(label: 1))
        kernel.arm(timer, at: Instant(nanoseconds: 50), event: TestEvent(label: 2))
        kernel.schedule(TestEvent(label: 9), at: Instant(nanoseconds: 20))
        var recorder = Recorder()
        _ = kernel.run(&recorder)
        #expect(recorder.delivered.map(\.time) == [20, 50])
        #expect(recorder.labels == [9, 2])
    }

    @Test func timerReArmedToAnEarlierDeadlineFiresOnceAtTheEarlierDeadline() {
        var kernel = SimulationKernel<TestEvent>()
        let timer = kernel.makeTimer()
        kernel.arm(timer, at: Instant(nanoseconds: 50), event: TestEvent(label: 1))
        kernel.arm(timer, at: Instant(nanoseconds: 10), event: TestEvent(label: 2))
        var recorder = Recorder()
        _ = kernel.run(&recorder)
        #expect(recorder.delivered.map(\.time) == [10])
        #expect(kernel.deadline(of: timer) == nil)
    }

    @Test func runStopsAtTheTimeLimitAndLeavesLaterEventsQueued() {
        var kernel = SimulationKernel<TestEvent>()
        for t in [Int64(10), 20, 30] { kernel.schedule(TestEvent(label: UInt32(t)), at: Instant(nanoseconds: t)) }
        var recorder = Recorder()
        #expect(kernel.run(&recorder, until: Instant(nanoseconds: 25)) == .timeLimit)
        #expect(recorder.labels == [10, 20])
        #expect(kernel.now == Instant(nanoseconds: 25))
        #expect(kernel.run(&recorder) == .idle)
        #expect(recorder.labels == [10, 20, 30])
    }

    @Test func runStopsAfterTheEventBudget() {
        var kernel = SimulationKernel<TestEvent>()
        for t in 1...5 { kernel.schedule(TestEvent(label: UInt32(t)), at: Instant(nanoseconds: Int64(t))) }
        var recorder = Recorder()
        #expect(kernel.run(&recorder, maxEvents: 3) == .eventLimit)
        #expect(recorder.labels == [1, 2, 3])
        #expect(kernel.eventsDelivered == 3)
    }

    @Test func anEventScheduledInThePastIsDeliveredNowNotEarlier() {
        struct Scheduler: SimulationEventHandler {
            var times: [Int64] = []
            mutating func handle(_ event: TestEvent, kernel: inout SimulationKernel<TestEvent>) {
                times.append(kernel.now.nanoseconds)
                if event.label == 1 { kernel.schedule(TestEvent(label: 2), at: Instant(nanoseconds: 3)) }
            }
        }
        var kernel = SimulationKernel<TestEvent>()
        kernel.schedule(TestEvent(label: 1), at: Instant(nanoseconds: 10))
        var handler = Scheduler()
        _ = kernel.run(&handler)
        #expect(handler.times == [10, 10])
    }

    @Test func theSameSeedGivesTheSameFingerprint() {
        let a = HoldModel.run(pending: 500, events: 50_000, until: nil, seed: 42)
        let b = HoldModel.run(pending: 500, events: 50_000, until: nil, seed: 42)
        let c = HoldModel.run(pending: 500, events: 50_000, until: nil, seed: 43)
        #expect(a == b)
        #expect(a.fingerprint != c.fingerprint)
        #expect(a.eventsProcessed == 50_000)
    }

    /// A golden value: the hold model's whole event history for seed 1 in one
    /// number. If this changes, either the kernel's order, the random
    /// streams or the sampling changed — all of which break reproducibility
    /// of published results, so it must be a deliberate, noted change.
    ///
    /// Changed once, deliberately: "affe2b69403527a6" became "178ce99edf1c422"
    /// when exponential draws moved from `-log(u)` to the ziggurat
    /// (`RandomStream.nextStandardExponential`). The event queue's rewrite
    /// (16-byte keys, deferred pop) kept "affe2b69403527a6": delivery order
    /// did not change.
    @Test func holdModelFingerprintIsGolden() {
        let outcome = HoldModel.run(pending: 1_000, events: 100_000, until: nil, seed: 1)
        #expect(String(outcome.fingerprint, radix: 16) == "178ce99edf1c422")
    }

    @Test func fingerprintDependsOnOrderTimeAndActor() {
        var a = Fingerprint(), b = Fingerprint(), c = Fingerprint(), d = Fingerprint()
        a.absorb(time: 1, kind: 1, actor: 1); a.absorb(time: 2, kind: 2, actor: 2)
        b.absorb(time: 2, kind: 2, actor: 2); b.absorb(time: 1, kind: 1, actor: 1)
        c.absorb(time: 1, kind: 1, actor: 1); c.absorb(time: 3, kind: 2, actor: 2)
        d.absorb(time: 1, kind: 1, actor: 1); d.absorb(time: 2, kind: 2, actor: 3)
        #expect(Set([a.value, b.value, c.value, d.value]).count == 4)
    }
}
