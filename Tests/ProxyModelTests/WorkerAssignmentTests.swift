import Randomness
import ProxyModel
import Testing

/// nginx-semantics.md section 6: how new client connections spread over workers.
@Suite struct WorkerAssignmentTests {
    func assignment(_ strategy: AcceptStrategy, workers: Int = 4, connections: Int = 1024) -> WorkerAssignment {
        do { return try WorkerAssignment(strategy: strategy, workerCount: workers, workerConnections: connections) } catch {
            fatalError("\(error)")
        }
    }

    func idle(_ count: Int, free: Int = 1000) -> [WorkerStatus] {
        Array(repeating: WorkerStatus(freeSlots: free, idleSince: .zero), count: count)
    }

    /// Accepts `count` connections with unchanging worker statuses; the workers chosen.
    func accept(_ count: Int, _ spread: inout WorkerAssignment, _ workers: [WorkerStatus], now: Instant = .zero) -> [Int] {
        var random = SplitMix64(state: 1)
        return (0..<count).map { _ in
            let worker = spread.chooseWorker(now: now, workers: workers, randomDraw: random.next())!
            spread.recordAccept(worker: worker, freeSlotsBefore: workers[worker].freeSlots)
            return worker
        }
    }

    @Test func burstsOfSixteenConnectionsGoToOneWorkerInRotation() {
        var spread = assignment(.exclusiveWakeup())
        let picks = accept(4 + 16 * 5, &spread, idle(4))
        // Each worker's first accept re-adds its listener (requests++ % 16 == 0), so the
        // first four go round; from then on every worker takes 16 before moving back.
        #expect(Array(picks[0..<4]) == [0, 1, 2, 3])
        let bursts = stride(from: 4, to: picks.count, by: 16).map { Set(picks[$0..<($0 + 16)]) }
        #expect(bursts == [[0], [1], [2], [3], [0]])
    }

    @Test func burstLengthIsAParameter() {
        var spread = assignment(.exclusiveWakeup(burst: 3), workers: 2)
        #expect(accept(2 + 9, &spread, idle(2)) == [0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0])
    }

    @Test func exclusiveWakeupPrefersWorkersBlockedInEpollWait() {
        let spread = assignment(.exclusiveWakeup())
        var workers = idle(4)
        workers[0].idleSince = nil  // busy
        #expect(spread.chooseWorker(now: .zero, workers: workers, randomDraw: 0) == 1)
        workers = idle(4).map { WorkerStatus(freeSlots: $0.freeSlots, idleSince: nil) }
        // Nobody is waiting: the head of the wait queue takes it when it gets there.
        #expect(spread.chooseWorker(now: .zero, workers: workers, randomDraw: 0) == 0)
    }

    @Test func wakeOrderAmongIdleWorkersIsAParameter() {
        var workers = idle(4)
        workers[0].idleSince = nil
        workers[1].idleSince = TestUpstream.at(seconds: 5)
        workers[2].idleSince = TestUpstream.at(seconds: 1)
        workers[3].idleSince = TestUpstream.at(seconds: 3)
        let now = TestUpstream.at(seconds: 6)
        let queueOrder = assignment(.exclusiveWakeup(wakeOrder: .waitQueue))
        #expect(queueOrder.chooseWorker(now: now, workers: workers, randomDraw: 0) == 1)
        let longestIdle = assignment(.exclusiveWakeup(wakeOrder: .longestIdle))
        #expect(longestIdle.chooseWorker(now: now, workers: workers, randomDraw: 0) == 2)
    }

    @Test func workerShortOfSlotsReaddsItsListenerOnEveryAccept() {
        var spread = assignment(.exclusiveWakeup(), workers: 2, connections: 1024)
        _ = accept(2, &spread, idle(2))  // warm-up: queue back to [0, 1]
        // Below 1024 / 8 free, each accept sends the worker to the back of the queue.
        #expect(accept(4, &spread, idle(2, free: 127)) == [0, 1, 0, 1])
        #expect(accept(3, &spread, idle(2, free: 128)) == [0, 0, 0])
    }

    @Test func reusePortSpreadsUniformlyWhateverTheLoad() {
        let spread = assignment(.reusePort)
        var workers = idle(4)
        workers[0] = WorkerStatus(freeSlots: 0, idleSince: nil)  // full and busy: no matter
        let slice = UInt64.max / 4
        #expect((0..<4).map { spread.chooseWorker(now: .zero, workers: workers, randomDraw: UInt64($0) * slice + slice / 2) } == [0, 1, 2, 3])
        var random = SplitMix64(state: 42)
        var counts = [0, 0, 0, 0]
        for _ in 0..<8000 { counts[spread.chooseWorker(now: .zero, workers: workers, randomDraw: random.next())!] += 1 }
        #expect(counts.allSatisfy { $0 > 1800 && $0 < 2200 }, "\(counts)")
    }

    @Test func acceptMutexWorkersTakeTurns() {
        var spread = assignment(.acceptMutex, workers: 3)
        #expect(accept(6, &spread, idle(3)) == [0, 1, 2, 0, 1, 2])
    }

    @Test func acceptMutexSkipsAWorkerWithUnderOneEighthFree() {
        var spread = assignment(.acceptMutex, workers: 3, connections: 1024)
        var workers = idle(3)
        workers[1].freeSlots = 127
        #expect(accept(4, &spread, workers) == [0, 2, 0, 2])
        workers = idle(3, free: 10)  // everyone short: turns go on
        #expect(accept(3, &spread, workers) == [0, 1, 2])
    }

    @Test func workerThatPausedAcceptingIsNotChosen() {
        let spread = assignment(.exclusiveWakeup(), workers: 2)
        var workers = idle(2)
        workers[0].acceptPausedUntil = TestUpstream.at(seconds: 0.5)
        #expect(spread.chooseWorker(now: TestUpstream.at(seconds: 0.1), workers: workers, randomDraw: 0) == 1)
        #expect(spread.chooseWorker(now: TestUpstream.at(seconds: 0.5), workers: workers, randomDraw: 0) == 0)
        workers[1].acceptPausedUntil = TestUpstream.at(seconds: 0.5)
        #expect(spread.chooseWorker(now: TestUpstream.at(seconds: 0.1), workers: workers, randomDraw: 0) == nil)
    }

    @Test func refusesImpossibleWorkerSettings() {
        #expect(throws: WorkerConfigurationError.self) { try WorkerAssignment(workerCount: 0, workerConnections: 512) }
        #expect(throws: WorkerConfigurationError.self) { try WorkerAssignment(workerCount: 2, workerConnections: 0) }
        #expect(throws: WorkerConfigurationError.self) {
            try WorkerAssignment(strategy: .exclusiveWakeup(burst: 0), workerCount: 2, workerConnections: 512)
        }
    }
}
