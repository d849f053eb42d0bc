import ProxyModel
import Testing

/// nginx-semantics.md section 6: worker_connections slots (ngx_connection.c).
@Suite struct WorkerConnectionBudgetTests {
    func budget(_ limit: Int, listeners: Int = 1) -> WorkerConnectionBudget {
        do { return try WorkerConnectionBudget(workerConnections: limit, listeners: listeners) } catch { fatalError("\(error)") }
    }

    func fill(_ budget: inout WorkerConnectionBudget, _ kind: ConnectionSlotKind, _ count: Int) {
        for _ in 0..<count {
            let granted = budget.acquire(kind)
            #expect(granted)
        }
    }

    @Test func slotsCountListenersClientsAndActiveAndIdleUpstreamConnections() {
        var slots = budget(10, listeners: 2)
        // A proxied request needs two: its client connection and an upstream connection.
        fill(&slots, .activeClient, 1)
        fill(&slots, .activeUpstream, 1)
        #expect(slots.used == 4)
        // The upstream connection goes idle into the keepalive cache and keeps its slot;
        // the client connection goes idle between requests and keeps its slot too.
        slots.move(from: .activeUpstream, to: .idleUpstream)
        slots.move(from: .activeClient, to: .reusableClient)
        #expect(slots.used == 4)
        #expect(slots.free == 6)
        #expect(slots.count(.idleUpstream) == 1)
        #expect(slots.count(.reusableClient) == 1)
        slots.release(.idleUpstream)
        #expect(slots.free == 7)
    }

    @Test func drainStartsOnlyAtOneSixteenthFree() {
        var slots = budget(64)  // 64 / 16 = 4
        fill(&slots, .reusableClient, 50)
        fill(&slots, .activeClient, 8)
        #expect(slots.free == 5)
        #expect(slots.reusableConnectionsToDrain == 0)
        fill(&slots, .activeClient, 1)
        #expect(slots.free == 4)
        #expect(slots.reusableConnectionsToDrain == 6)  // 50 / 8
    }

    @Test func drainClosesOneEighthOfReusableCappedAtThirtyTwo() {
        var many = budget(1024)
        fill(&many, .reusableClient, 1000)
        #expect(many.reusableConnectionsToDrain == 32)  // min(32, 125)
        var some = budget(1024)
        fill(&some, .reusableClient, 80)
        fill(&some, .activeClient, 1024 - 1 - 80 - 10)
        #expect(some.reusableConnectionsToDrain == 10)
        var few = budget(1024)
        fill(&few, .reusableClient, 3)
        fill(&few, .activeClient, 1024 - 1 - 3)
        #expect(few.reusableConnectionsToDrain == 1)  // at least one
    }

    @Test func cachedUpstreamConnectionsAreNeverDrained() {
        var slots = budget(16)
        fill(&slots, .idleUpstream, 15)
        #expect(slots.free == 0)
        #expect(slots.reusableConnectionsToDrain == 0)
        let granted = slots.acquire(.activeClient)
        #expect(!granted)
    }

    @Test func noFreeSlotRefusesTheConnection() {
        var slots = budget(3)
        fill(&slots, .activeClient, 1)
        fill(&slots, .activeUpstream, 1)
        // On accept nginx closes the new socket at once; on an upstream connect the
        // request gets 500 (NextUpstreamEvent.noWorkerConnectionSlot).
        let client = slots.acquire(.activeClient)
        let upstream = slots.acquire(.activeUpstream)
        #expect(!client && !upstream)
        #expect(slots.used == 3)
    }

    @Test func workerUnderOneEighthFreeIsShortOfSlots() {
        var slots = budget(64)  // 64 / 8 = 8
        fill(&slots, .activeClient, 55)
        #expect(!slots.isShortOfSlots)
        fill(&slots, .activeClient, 1)
        #expect(slots.isShortOfSlots)
    }

    @Test func acceptPausesFiveHundredMillisecondsAfterTooManyOpenFiles() {
        var slots = budget(64)
        slots.acceptFailedWithTooManyOpenFiles(now: TestUpstream.at(seconds: 2))
        #expect(!slots.isAccepting(now: TestUpstream.at(seconds: 2.499)))
        #expect(slots.isAccepting(now: TestUpstream.at(seconds: 2.5)))
    }

    @Test func refusesImpossibleWorkerConnections() {
        #expect(throws: WorkerConfigurationError.self) { try WorkerConnectionBudget(workerConnections: 0) }
        #expect(throws: WorkerConfigurationError.self) { try WorkerConnectionBudget(workerConnections: 2, listeners: 3) }
    }
}
