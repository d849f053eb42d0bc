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
