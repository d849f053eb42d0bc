import Testing
import Simulation
import Randomness

/// The queue against a sorted reference: for thousands of seeds, random
/// interleavings of pushes and pops (with many equal times, both phases)
/// must pop exactly what a stable sort by (time, phase) of the pushes says,
/// and the heap invariants must hold after every operation.
@Suite struct EventQueueTests {
    /// What the reference keeps per push: the sort key and the payload (the push number).
    struct Pushed {
        var time: Int64
        var phase: EventPhase
        var number: Int
        static func inOrder(_ a: Pushed, _ b: Pushed) -> Bool {
            (a.time, a.phase.rawValue, a.number) < (b.time, b.phase.rawValue, b.number)
        }
    }

    /// Runs random pushes, pops and `popMin(notAfter:)` calls against the
    /// reference; returns a message for the first disagreement.
    static func checkAgainstReference(seed: UInt64, queue: inout EventQueue<Int>, operations: Int,
                                      maximumCount: Int = .max) -> String? {
        var random = RandomStream(seed: seed)
        var reference: [Pushed] = []
        var pushes = 0
        var now: Int64 = 0  // the time of the last pop, for simulation-like times
        // Each seed draws its times one way: a small range (many ties), small
        // negative times, a wide spread, times after `now` like a simulation's
        // (with far-away outliers), or extreme values.
        let style = random.next(below: 5)
        let range = 1 + random.next(below: 50)
        func drawTime() -> Int64 {
            switch style {
            case 0: return Int64(random.next(below: range))
            case 1: return -Int64(random.next(below: range))
            case 2: return Int64(random.next(below: 1 << 40))
            case 3:
                let ahead = random.next(below: 10) == 0 ? random.next(below: 1 << 50) : random.next(below: 1 << (1 + random.next(below: 30)))
                return now &+ Int64(ahead)
            default:
                let extremes: [Int64] = [.min, .min + 1, -1, 0, 1, .max - 1, .max]
                return random.next(below: 2) == 0 ? extremes[Int(random.next(below: 7))] : Int64(bitPattern: random.next())
            }
        }
        for step in 0..<operations {
            let choice = random.next(below: 6)
            if choice < 3 && reference.count < maximumCount {
                let time = drawTime()
                let phase: EventPhase = random.next(below: 2) == 0 ? .network : .timer
                queue.push(pushes, at: time, phase: phase)
                reference.append(Pushed(time: time, phase: phase, number: pushes))
                pushes += 1
            } else {
                reference.sort(by: Pushed.inOrder)
                let limit = choice == 5 ? drawTime() : .max
                let expected = reference.first.flatMap { $0.time <= limit ? $0 : nil }
                if expected != nil { reference.removeFirst() }
                let got = queue.popMin(notAfter: limit)
                if got?.payload != expected?.number || got?.time != expected?.time || got?.phase != expected?.phase {
                    return "seed \(seed) step \(step): popped \(String(describing: got?.payload)), expected \(String(describing: expected?.number))"
                }
                if let got { now = got.time }
            }
            if let bad = queue.firstInvariantViolation() { return "seed \(seed) step \(step): \(bad)" }
            if queue.count != reference.count { return "seed \(seed) step \(step): count \(queue.count), expected \(reference.count)" }
            reference.sort(by: Pushed.inOrder)
            if queue.min?.payload != reference.first?.number {
                return "seed \(seed) step \(step): min \(String(describing: queue.min?.payload)), expected \(String(describing: reference.first?.number))"
            }
        }
        var drained: [Int] = []
        while let e = queue.popMin() { drained.append(e.payload) }
        if drained != reference.map(\.number) { return "seed \(seed): draining gave \(drained), expected \(reference.map(\.number))" }
        return nil
    }

    @Test func popsInTheSameOrderAsASortedReferenceForThousandsOfSeeds() {
        for seed in UInt64(1)...3_000 {
            var queue = EventQueue<Int>()
            var sizes = RandomStream(seed: seed ^ 0xA5A5)
            let operations = 1 + Int(sizes.next(below: 300))
            if let failure = Self.checkAgainstReference(seed: seed, queue: &queue, operations: operations) {
                Issue.record("\(failure)")
                return
            }
        }
    }

    /// With a tiny near-heap limit, most entries wait in buckets or the far
    /// list and move into the heap as it runs empty; the order must not
    /// notice, whatever the spread of times.
    @Test func bucketsAndTheFarListKeepThePopOrderForThousandsOfSeeds() {
        for seed in UInt64(1)...3_000 {
            var queue = EventQueue<Int>(renumberingAfter: 1 << 32, nearHeapLimit: 4 + Int(seed % 13))
            var sizes = RandomStream(seed: seed ^ 0x5A5A)
            let operations = 1 + Int(sizes.next(below: 600))
            if let failure = Self.checkAgainstReference(seed: seed, queue: &queue, operations: operations) {
                Issue.record("\(failure)")
                return
            }
        }
    }

    /// Sequence numbers are 32 bits; when they run out the queue renumbers
    /// the queued entries. A tiny sequence space makes that happen every few
    /// dozen pushes, and the pop order must not notice.
    @Test func renumberingSequencesKeepsThePopOrder() {
        for seed in UInt64(1)...1_000 {
            var queue = EventQueue<Int>(renumberingAfter: 64)
            if let failure = Self.checkAgainstReference(seed: seed, queue: &queue, operations: 600, maximumCount: 40) {
                Issue.record("\(failure)")
                return
            }
        }
    }

    /// The hold model's pattern at scale (10,000 entries, exponential
    /// times): with buckets it pops exactly what a plain heap pops.
    @Test func withBucketsTheHoldPatternPopsExactlyWhatAPlainHeapPops() {
        var bucketed = EventQueue<Int>()
        var plain = EventQueue<Int>(renumberingAfter: 1 << 32, nearHeapLimit: .max)
        var random = RandomStream(seed: 1)
        for i in 0..<10_000 {
            let time = Int64(random.nextStandardExponential() * 1e9)
            bucketed.push(i, at: time)
            plain.push(i, at: time)
        }
        for step in 0..<300_000 {
            let a = bucketed.popMin(), b = plain.popMin()
            guard let a, let b, a.payload == b.payload, a.time == b.time else {
                Issue.record("step \(step): \(String(describing: a?.payload)) vs \(String(describing: b?.payload))")
                return
            }
            // Mostly network events, some timers at the same instant or later.
            let phase: EventPhase = random.next(below: 8) == 0 ? .timer : .network
            let time = a.time + (random.next(below: 16) == 0 ? 0 : Int64(random.nextStandardExponential() * 1e9))
            bucketed.push(a.payload, at: time, phase: phase)
            plain.push(b.payload, at: time, phase: phase)
            if step % 50_000 == 0, let bad = bucketed.firstInvariantViolation() {
                Issue.record("step \(step): \(bad)")
                return
            }
        }
    }

    // MARK: Bimodal workloads: far timers and dense near traffic

    /// A simulation's typical queue: `timers` lazy timers far ahead (each
    /// pushed again one horizon later when it comes up), among dense traffic
    /// with short horizons (each popped event pushes the next). Drives the
    /// bucket width's learning both ways: the dense traffic crowds the wide
    /// buckets the timers call for (the width narrows), and when it stops
    /// the narrow ring covers too few timers per rebuild (the width resets).
    struct BimodalWorkload {
        var queue: EventQueue<Int>
        var random: RandomStream
        /// Time of the last pop.
        var now: Int64 = 0
        var timerHorizon: Int64
        var shortestHop: Int64
        var longestHop: Int64
        /// One in this many dense pushes is for `now` itself (0: none).
        var zeroHopOneIn: UInt64
        /// Dense pushes are rounded down to a multiple of this, for ties.
        var grain: Int64 = 1
        /// Per payload: true for a timer.
        var isTimer: [Bool] = []
        /// What a popped dense entry does: push the next one (true), or not.
        var denseTrafficFlows = true

        init(queue: EventQueue<Int>, seed: UInt64, timerHorizon: Int64, shortestHop: Int64, longestHop: Int64,
             zeroHopOneIn: UInt64) {
            self.queue = queue
            random = RandomStream(seed: seed)
            self.timerHorizon = timerHorizon
            self.shortestHop = shortestHop
            self.longestHop = longestHop
            self.zeroHopOneIn = zeroHopOneIn
        }

        mutating func pushTimer(at time: Int64) -> Pushed {
            isTimer.append(true)
            queue.push(isTimer.count - 1, at: time, phase: .timer)
            return Pushed(time: time, phase: .timer, number: isTimer.count - 1)
        }

        mutating func pushDense() -> Pushed {
            var hop = shortestHop + Int64(random.next(below: UInt64(longestHop - shortestHop + 1)))
            if zeroHopOneIn > 0 && random.next(below: zeroHopOneIn) == 0 { hop = 0 }
            let time = Swift.max(now, (now + hop) / grain * grain)
            isTimer.append(false)
            queue.push(isTimer.count - 1, at: time, phase: .network)
            return Pushed(time: time, phase: .network, number: isTimer.count - 1)
        }

        /// Timers spread over one horizon, then `dense` entries of traffic.
        mutating func start(timers: Int, dense: Int) -> [Pushed] {
            var pushed: [Pushed] = []
            for _ in 0..<timers { pushed.append(pushTimer(at: now + Int64(random.next(below: UInt64(timerHorizon))))) }
            for _ in 0..<dense { pushed.append(pushDense()) }
            return pushed
        }

        /// Pops one entry and pushes what it causes; returns both.
        mutating func step() -> (popped: EventQueue<Int>.Entry?, pushed: Pushed?) {
            guard let entry = queue.popMin() else { return (nil, nil) }
            now = entry.time
            if isTimer[entry.payload] { return (entry, pushTimer(at: now + timerHorizon)) }
            return (entry, denseTrafficFlows ? pushDense() : nil)
        }
    }

    /// The reference for `BimodalWorkload`: the queued entries sorted latest
    /// first, so that the next pop is the last element.
    struct SortedReference {
        var latestFirst: [Pushed] = []
        mutating func insert(_ new: Pushed) {
            // The first element that comes out before the new one.
            var low = 0, high = latestFirst.count
            while low < high {
                let middle = (low + high) / 2
                if Pushed.inOrder(latestFirst[middle], new) { high = middle } else { low = middle + 1 }
            }
            latestFirst.insert(new, at: low)
        }
    }

    /// Runs a bimodal workload through three phases — dense traffic, no
    /// traffic (timers only), dense traffic again — against the reference.
    /// Returns a message for the first disagreement, and the queue's
    /// statistics.
    static func checkBimodalAgainstReference(seed: UInt64) -> (failure: String?, statistics: EventQueueStatistics) {
        var shape = RandomStream(seed: seed ^ 0xB1B0)
        let nearHeapLimit = [4, 8, 16, 64][Int(shape.next(below: 4))]
        let timers = 20 + Int(shape.next(below: 500))
        let dense = 5 + Int(shape.next(below: 120))
        let shortestHop = Int64(shape.next(below: 500_000))
        var workload = BimodalWorkload(
            queue: EventQueue<Int>(renumberingAfter: 1 << 32, nearHeapLimit: nearHeapLimit), seed: seed,
            timerHorizon: 1_000_000_000 + Int64(shape.next(below: 100_000_000_000)),
            shortestHop: shortestHop, longestHop: shortestHop + 1 + Int64(shape.next(below: 3_000_000)),
            zeroHopOneIn: [0, 2, 16][Int(shape.next(below: 3))])
        if shape.next(below: 3) == 0 { workload.grain = 1_000 }
        let phases = [4_000 + Int(shape.next(below: 8_000)), 2 * timers, 3_000]
        var reference = SortedReference()
        for entry in workload.start(timers: timers, dense: dense) { reference.insert(entry) }
        var operation = 0
        for (phase, pops) in phases.enumerated() {
            workload.denseTrafficFlows = phase != 1
            if phase == 2 {
                for _ in 0..<dense { reference.insert(workload.pushDense()) }
            }
            for _ in 0..<pops {
                operation += 1
                let (popped, pushed) = workload.step()
                let expected = reference.latestFirst.popLast()
                if popped?.payload != expected?.number || popped?.time != expected?.time || popped?.phase != expected?.phase {
                    return ("seed \(seed) phase \(phase) operation \(operation): popped \(String(describing: popped?.payload)), expected \(String(describing: expected?.number))",
                            workload.queue.statistics)
                }
                if let pushed { reference.insert(pushed) }
                if operation % 97 == 0 || operation < 300 {
                    if let bad = workload.queue.firstInvariantViolation() {
                        return ("seed \(seed) phase \(phase) operation \(operation): \(bad)", workload.queue.statistics)
                    }
                    if workload.queue.count != reference.latestFirst.count {
                        return ("seed \(seed) operation \(operation): count \(workload.queue.count), expected \(reference.latestFirst.count)",
                                workload.queue.statistics)
                    }
                }
            }
        }
        return (nil, workload.queue.statistics)
    }

    /// The bucket width the queue learns from a crowded near tier, and drops
    /// when the traffic stops, must not change the pop order: for hundreds
    /// of bimodal workloads the queue pops exactly what the reference says.
    /// The sweep must also have exercised both halves of the learning.
    @Test func learningTheBucketWidthKeepsThePopOrderOfBimodalWorkloads() {
        var narrowings = 0, resets = 0
        for seed in UInt64(1)...300 {
            let (failure, statistics) = Self.checkBimodalAgainstReference(seed: seed)
            if let failure {
                Issue.record("\(failure)")
                return
            }
            narrowings += statistics.bucketWidthNarrowings
            resets += statistics.bucketWidthResets
        }
        #expect(narrowings >= 150, "the sweep narrowed the buckets only \(narrowings) times")
        #expect(resets >= 150, "the sweep reset the learned width only \(resets) times")
    }

    /// The whole simulator's queue in miniature: 1,000 lazy timers over 75 s
    /// and 80 events in flight 0.25 to 2 ms ahead. With buckets as wide as
    /// the timers call for (~34 ms), nearly every push would land in the
    /// near tier (a heap of dozens); the learned width parks them in buckets.
    static func simulatorLikeWorkload() -> BimodalWorkload {
        var workload = BimodalWorkload(queue: EventQueue<Int>(), seed: 42, timerHorizon: 75_000_000_000,
                                       shortestHop: 250_000, longestHop: 2_000_000, zeroHopOneIn: 0)
        _ = workload.start(timers: 1_000, dense: 80)
        for _ in 0..<100_000 { _ = workload.step() }
        return workload
    }

    @Test func denseTrafficAmongFarTimersIsParkedInBucketsNotPushedIntoTheNearTier() {
        var workload = Self.simulatorLikeWorkload()
        let before = workload.queue.statistics
        for _ in 0..<200_000 { _ = workload.step() }
        let after = workload.queue.statistics
        let pushes = after.pushes - before.pushes
        let nearPushes = after.pushesIntoTheNearTier - before.pushesIntoTheNearTier
        let refills = after.refills - before.refills
        let movedIn = after.entriesMovedIntoTheNearTier - before.entriesMovedIntoTheNearTier
        // Without the learned width: ~99% near pushes, ~80 entries per refill.
        #expect(nearPushes * 10 < pushes, "\(nearPushes) of \(pushes) pushes went into the near tier")
        #expect(movedIn <= 16 * refills, "\(movedIn) entries in \(refills) refills")
        #expect(after.bucketWidthNarrowings >= 1)
    }

    /// When the dense traffic stops (or drops to one event a second), a ring
    /// narrowed for it would cover only a few of the 1,000 timers, and each
    /// rebuild would walk all of them for a handful of pops: quadratic. The
    /// learned width must be dropped, so that rebuilds stay amortised O(1)
    /// per pop.
    @Test(arguments: [nil, 1_000_000_000] as [Int64?])
    func afterTheDenseTrafficStopsRebuildsStayAmortised(denseHopAfterTheDrop: Int64?) {
        var workload = Self.simulatorLikeWorkload()
        #expect(workload.queue.statistics.bucketWidthNarrowings >= 1)
        if let denseHopAfterTheDrop {
            workload.shortestHop = denseHopAfterTheDrop
            workload.longestHop = denseHopAfterTheDrop
        } else {
            workload.denseTrafficFlows = false
        }
        let before = workload.queue.statistics
        let pops = 5_000
        for _ in 0..<pops { _ = workload.step() }
        let after = workload.queue.statistics
        let scanned = after.entriesScannedByRebuilds - before.entriesScannedByRebuilds
        // A narrowed ring covers ~0.3 s: ~4 timers per rebuild of 1,000.
        #expect(scanned <= 4 * pops, "rebuilds walked \(scanned) entries for \(pops) pops")
        #expect(after.bucketWidthResets >= 1)
        #expect(workload.queue.firstInvariantViolation() == nil)
    }

    /// Timers alone, spread over 75 s: no crowding, so nothing to learn, and
    /// rebuilds walk each entry O(1) times.
    @Test func farTimersAloneKeepTheWidthOfTheirSpan() {
        var workload = BimodalWorkload(queue: EventQueue<Int>(), seed: 7, timerHorizon: 75_000_000_000,
                                       shortestHop: 0, longestHop: 0, zeroHopOneIn: 0)
        _ = workload.start(timers: 1_000, dense: 0)
        for _ in 0..<20_000 { _ = workload.step() }
        let statistics = workload.queue.statistics
        #expect(statistics.bucketWidthNarrowings == 0)
        #expect(statistics.entriesScannedByRebuilds <= 4 * statistics.pushes)
    }

    /// The hold model (exponential times, as `bench kernel`): its buckets are
    /// never crowded, so the width it gets from its span stays.
    @Test func theHoldModelNeverNarrowsItsBuckets() {
        var queue = EventQueue<Int>()
        var random = RandomStream(seed: 3)
        var now: Int64 = 0
        for i in 0..<10_000 { queue.push(i, at: Int64(random.nextStandardExponential() * 1e9)) }
        for _ in 0..<300_000 {
            guard let entry = queue.popMin() else { break }
            now = entry.time
            queue.push(entry.payload, at: now + Int64(random.nextStandardExponential() * 1e9))
        }
        #expect(queue.statistics.bucketWidthNarrowings == 0)
        #expect(queue.statistics.refills > 10_000)
    }

    /// A queue that stays within the near-heap limit never builds a ring.
    @Test func smallQueuesStayAHeap() {
        var queue = EventQueue<Int>()
        var random = RandomStream(seed: 5)
        for i in 0..<EventQueue<Int>.defaultNearHeapLimit { queue.push(i, at: Int64(random.next(below: 1_000))) }
        for _ in 0..<10_000 {
            let entry = queue.popMin()!
            queue.push(entry.payload, at: entry.time + Int64(random.next(below: 1_000)))
        }
        let statistics = queue.statistics
        #expect(statistics.ringRebuilds == 0 && statistics.refills == 0)
        #expect(statistics.pushesIntoTheNearTier == statistics.pushes)
        #expect(statistics.pushes == EventQueue<Int>.defaultNearHeapLimit + 10_000)
    }

    @Test func removeAllWhereKeepsTheOrderOfTheSurvivors() {
        for seed in UInt64(1)...500 {
            var random = RandomStream(seed: seed)
            // Every other seed with buckets, so that survivors come from all three tiers.
            var queue = seed % 2 == 0 ? EventQueue<Int>() : EventQueue<Int>(renumberingAfter: 1 << 32, nearHeapLimit: 4)
            for i in 0..<Int(random.next(below: 200)) {
                let time = seed % 4 < 2 ? Int64(random.next(below: 20)) : Int64(random.next(below: 1 << 40))
                queue.push(i, at: time, phase: random.next(below: 2) == 0 ? .network : .timer)
                if random.next(below: 4) == 0 { _ = queue.popMin() }  // leaves a vacant root now and then
            }
            let modulus = 2 + Int(random.next(below: 3))
            var expected: [Int] = []
            var copy = queue
            while let e = copy.popMin() { if e.payload % modulus != 0 { expected.append(e.payload) } }
            queue.removeAll { $0.payload % modulus == 0 }
            #expect(queue.firstInvariantViolation() == nil, "seed \(seed): \(queue.firstInvariantViolation() ?? "")")
            #expect(queue.count == expected.count, "seed \(seed)")
            // Freed slots are reused by later pushes without disturbing the survivors.
            queue.push(-1, at: .max)
            var got: [Int] = []
            while let e = queue.popMin() { got.append(e.payload) }
            #expect(got == expected + [-1], "seed \(seed)")
        }
    }

    @Test(arguments: [EventQueue<Int>.defaultNearHeapLimit, 4])
    func aCopyIsIndependentOfTheOriginalEvenRightAfterAPop(nearHeapLimit: Int) {
        var queue = EventQueue<Int>(renumberingAfter: 1 << 32, nearHeapLimit: nearHeapLimit)
        for i in 0..<100 { queue.push(i, at: Int64(100 - i)) }
        #expect(queue.popMin()?.payload == 99)  // the root is now vacant
        var copy = queue
        copy.push(1_000, at: 0)
        #expect(copy.popMin()?.payload == 1_000)
        #expect(queue.count == 99)
        #expect(queue.min?.payload == 98)
        var original: [Int] = []
        while let e = queue.popMin() { original.append(e.payload) }
        #expect(original == Array((0...98).reversed()))
        #expect(copy.count == 99)
    }

    @Test func popMinNotAfterALimitLeavesLaterEntriesQueued() {
        var queue = EventQueue<Int>()
        queue.push(1, at: 10)
        queue.push(2, at: 20)
        #expect(queue.popMin(notAfter: 15)?.payload == 1)
        #expect(queue.popMin(notAfter: 15) == nil)
        #expect(queue.count == 1)
        #expect(queue.min?.time == 20)
        #expect(queue.popMin(notAfter: 20)?.payload == 2)
        #expect(queue.isEmpty)
    }

    @Test func atOneTimeNetworkEntriesComeBeforeTimerEntriesThenPushOrder() {
        var queue = EventQueue<Int>()
        queue.push(1, at: 5, phase: .timer)
        queue.push(2, at: 5, phase: .network)
        queue.push(3, at: 5, phase: .timer)
        queue.push(4, at: 5, phase: .network)
        queue.push(0, at: -5, phase: .timer)
        var got: [Int] = []
        while let e = queue.popMin() { got.append(e.payload) }
        #expect(got == [0, 2, 4, 1, 3])
    }

    @Test func emptyQueuePopsNil() {
        var queue = EventQueue<Int>()
        #expect(queue.popMin() == nil)
        #expect(queue.min == nil)
        #expect(queue.isEmpty)
        queue.push(7, at: 0)
        #expect(queue.popMin()?.payload == 7)
        #expect(queue.popMin() == nil)
        #expect(queue.min == nil)
        #expect(queue.isEmpty)
    }
}
