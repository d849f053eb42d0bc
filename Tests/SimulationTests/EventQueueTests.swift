import Testing
import Simulation

/// The queue against a sorted reference: for thousands of seeds, random
/// interleavings of pushes and pops (with many equal times) must pop exactly
/// what a stable sort by (time, order) says, and the heap property must hold
/// after every operation.
@Suite struct EventQueueTests {
    @Test func popsInTheSameOrderAsASortedReferenceForThousandsOfSeeds() {
        for seed in UInt64(1)...3_000 {
            var random = RandomStream(seed: seed)
            var queue = EventQueue<Int>()
            var reference: [EventQueue<Int>.Entry] = []
            var order: UInt64 = 0
            let operations = 1 + Int(random.next(below: 300))
            let timeRange = 1 + random.next(below: 50)  // small ranges force ties on time
            for _ in 0..<operations {
                if random.next(below: 3) < 2 {
                    let entry = EventQueue<Int>.Entry(
                        time: Int64(random.next(below: timeRange)), order: order, payload: Int(order))
                    order += 1
                    queue.push(entry)
                    reference.append(entry)
                } else {
                    reference.sort { ($0.time, $0.order) < ($1.time, $1.order) }
                    let expected = reference.isEmpty ? nil : reference.removeFirst()
                    let got = queue.popMin()
                    guard got?.payload == expected?.payload else {
                        Issue.record("seed \(seed): popped \(String(describing: got?.payload)), expected \(String(describing: expected?.payload))")
                        return
                    }
                }
                if let bad = queue.firstInvariantViolation() {
                    Issue.record("seed \(seed): heap property broken at index \(bad)")
                    return
                }
            }
            reference.sort { ($0.time, $0.order) < ($1.time, $1.order) }
            var drained: [Int] = []
            while let e = queue.popMin() { drained.append(e.payload) }
            if drained != reference.map(\.payload) {
                Issue.record("seed \(seed): draining gave \(drained), expected \(reference.map(\.payload))")
                return
            }
        }
    }

    @Test func removeAllWhereKeepsTheOrderOfTheSurvivors() {
        for seed in UInt64(1)...500 {
            var random = RandomStream(seed: seed)
            var queue = EventQueue<Int>()
            for i in 0..<Int(random.next(below: 200)) {
                queue.push(.init(time: Int64(random.next(below: 20)), order: UInt64(i), payload: i))
            }
            let modulus = 2 + Int(random.next(below: 3))
            var expected: [EventQueue<Int>.Entry] = []
            var copy = queue
            while let e = copy.popMin() { if e.payload % modulus != 0 { expected.append(e) } }
            queue.removeAll { $0.payload % modulus == 0 }
            #expect(queue.firstInvariantViolation() == nil, "seed \(seed)")
            var got: [Int] = []
            while let e = queue.popMin() { got.append(e.payload) }
            #expect(got == expected.map(\.payload), "seed \(seed)")
        }
    }

    @Test func emptyQueuePopsNil() {
        var queue = EventQueue<Int>()
        #expect(queue.popMin() == nil)
        #expect(queue.min == nil)
        #expect(queue.isEmpty)
    }
}
