/// Which worker accepts each new client connection (ngx_event_accept.c,
/// ngx_event.c). A connection stays on the worker that accepted it: all its
/// requests use that worker's balancer and upstream keepalive caches.
///
/// Per arriving connection: `chooseWorker(now:workers:randomDraw:)`, then the
/// chosen worker takes a slot from its `WorkerConnectionBudget`; if it got
/// one, `recordAccept(worker:freeSlotsBefore:)` (nginx skips its
/// listener bookkeeping when the connection is closed for want of a slot).
public struct WorkerAssignment: Hashable, Sendable {
    public let strategy: AcceptStrategy
    public let workerCount: Int
    /// `worker_connections`, for the 1/8-free rule.
    public let workerConnections: Int
    /// EPOLLEXCLUSIVE: the listener's wait queue, head first (worker 0 added it first).
    public private(set) var waitQueue: [Int]
    /// EPOLLEXCLUSIVE: accepts per worker (the listening connection's `requests`).
    public private(set) var acceptCounts: [Int]
    /// accept_mutex: the worker whose turn is next.
    public private(set) var nextTurn: Int

    public init(strategy: AcceptStrategy = .nginxDefault, workerCount: Int, workerConnections: Int) throws(WorkerConfigurationError) {
        if workerCount < 1 {
            throw WorkerConfigurationError(setting: "worker_processes", problem: "\(workerCount) is invalid; it must be 1 or more")
        }
        if workerConnections < 1 {
            throw WorkerConfigurationError(
                setting: "worker_connections", problem: "\(workerConnections) is invalid; it must be 1 or more")
        }
        if case .exclusiveWakeup(let burst, _) = strategy, burst < 1 {
            throw WorkerConfigurationError(
                setting: "accept burst", problem: "\(burst) is invalid; the re-add period must be 1 or more accepts (nginx: 16)")
        }
        self.strategy = strategy
        self.workerCount = workerCount
        self.workerConnections = workerConnections
        waitQueue = Array(0..<workerCount)
        acceptCounts = [Int](repeating: 0, count: workerCount)
        nextTurn = 0
    }

    /// The worker that accepts a connection arriving at `now`; nil when every
    /// worker has paused accepting (the connection waits in the backlog until
    /// the earliest `acceptPausedUntil`).
    /// - Parameters:
    ///   - workers: one status per worker, indexed by worker id.
    ///   - randomDraw: a uniform random 64-bit value (only `reusePort` uses it;
    ///     it stands for the kernel's hash of the 4-tuple).
    public func chooseWorker(now: Instant, workers: [WorkerStatus], randomDraw: UInt64) -> Int? {
        switch strategy {
        case .reusePort:
            // Each worker has its own socket: a paused worker's connections wait in its own backlog.
            return Int(randomDraw.multipliedFullWidth(by: UInt64(workerCount)).high)
        case .exclusiveWakeup(_, let wakeOrder):
            var firstAccepting: Int?
            var chosenIdle: Int?
            for worker in waitQueue where now >= workers[worker].acceptPausedUntil {
                if firstAccepting == nil { firstAccepting = worker }
                guard let idleSince = workers[worker].idleSince else { continue }
                switch wakeOrder {
                case .waitQueue:
                    return worker
                case .longestIdle:
                    if let best = chosenIdle, let bestSince = workers[best].idleSince, bestSince <= idleSince { continue }
                    chosenIdle = worker
                }
            }
            // No idle worker: every waiting worker saw the event; the first in the queue takes it.
            return chosenIdle ?? firstAccepting
        case .acceptMutex:
            var firstAccepting: Int?
            for offset in 0..<workerCount {
                let worker = (nextTurn + offset) % workerCount
                if now < workers[worker].acceptPausedUntil { continue }
                if firstAccepting == nil { firstAccepting = worker }
                // ngx_accept_disabled = connection_n / 8 - free > 0: skip the mutex this time.
                if workers[worker].freeSlots >= workerConnections / 8 { return worker }
            }
            // Everyone is short of slots: the skip counters run down and the next in turn takes it.
            return firstAccepting
        }
    }

    /// Bookkeeping after `worker` accepted a connection and got a slot.
    /// - Parameter freeSlotsBefore: the worker's free slots before this
    ///   connection took one (nginx computes `ngx_accept_disabled` then).
    public mutating func recordAccept(worker: Int, freeSlotsBefore: Int) {
        switch strategy {
        case .reusePort:
            return
        case .exclusiveWakeup(let burst, _):
            let previous = acceptCounts[worker]
            acceptCounts[worker] = previous + 1
            // ngx_reorder_accept_events: re-add (to the back of the queue) on
            // accept number 1, 1 + burst, ... and whenever short of slots.
            if previous % burst == 0 || freeSlotsBefore < workerConnections / 8 {
                if let position = waitQueue.firstIndex(of: worker) {
                    waitQueue.remove(at: position)
                    waitQueue.append(worker)
                }
            }
        case .acceptMutex:
            nextTurn = (worker + 1) % workerCount
        }
    }
}
