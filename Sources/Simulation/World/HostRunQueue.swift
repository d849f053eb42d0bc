import ProxyModel
import Measurement
import Scenario

/// A process placed on a shared host (`hosts` in a model).
enum HostProcess: Equatable {
    /// nginx worker process `w`: it runs one pass of its event loop per turn.
    case nginxWorker(Int32)
    /// The closed loop's load-generator thread `t`: one pass over the responses that reached it.
    case loadGeneratorThread(Int32)
    /// A worker of backend `backend` about to run the CPU part of the request
    /// on this upstream connection (id and generation).
    case backendService(connection: Int32, generation: UInt32, backend: Int32)
}

/// One host's cores and run queue (`HostSpec`).
///
/// Processes are single-threaded event loops whose work per event is short
/// (microseconds), far below the scheduler's slice (CFS's 0.75 ms minimum
/// granularity and up), so a turn on a core is never cut short: a process
/// runs one loop pass — or one request's CPU, for a backend — to the end.
/// When it has more work and others are waiting, it goes to the back of the
/// queue (a woken event loop has slept, so Linux's sleeper credit lets it run
/// before one that has not); otherwise it keeps its core. A sleeping process
/// woken on an idle core starts after the wake-up latency. FIFO among the
/// waiting: the order is the model's, not the kernel's load balancer's.
///
/// `acquire` and `release` are O(1) amortised; no allocation once warmed up.
struct HostRunQueue {
    let cores: Int
    let wakeUpLatency: TimeSpan
    /// Cores in use (or reserved for a process waking up).
    private(set) var running = 0
    private var waiting: [(process: HostProcess, since: Instant)] = []
    private var head = 0

    // Statistics.
    /// Cores in use over time: utilisation is its mean over `cores`.
    var busyCores = PeakGauge()
    /// Runnable processes waiting for a core, over time.
    var queued = PeakGauge()
    /// How long a process that found every core busy waited (measured turns only).
    var runQueueWait = LatencyHistogram()
    /// Turns that started (measured), and how many of them had to wait.
    var turns: UInt64 = 0
    var turnsThatWaited: UInt64 = 0

    init(_ spec: HostSpec) {
        cores = spec.cores
        wakeUpLatency = spec.wakeUpLatency
    }

    /// Whether a process is waiting for a core.
    var hasWaiting: Bool { head < waiting.count }

    /// `process` becomes runnable at `now`: true when it gets a core at once,
    /// false when it waits (then `release` hands it one later).
    mutating func acquire(_ process: HostProcess, now: Instant, measuring: Bool) -> Bool {
        if measuring { turns += 1 }
        if running < cores && !hasWaiting {
            running += 1
            busyCores.increment(at: now)
            return true
        }
        if measuring { turnsThatWaited += 1 }
        waiting.append((process, now))
        queued.increment(at: now)
        return false
    }

    /// A process gives its core up at `now`: the longest-waiting process gets
    /// it (returned), or the core goes idle (nil).
    mutating func release(now: Instant, measuring: Bool) -> HostProcess? {
        guard hasWaiting else {
            running -= 1
            busyCores.decrement(at: now)
            return nil
        }
        let next = waiting[head]
        head += 1
        if head == waiting.count { waiting.removeAll(keepingCapacity: true); head = 0 }
        queued.decrement(at: now)
        if measuring { runQueueWait.record(now.nanoseconds - next.since.nanoseconds) }
        return next.process
    }

    /// The warm-up is over: the gauges' windows restart.
    mutating func restartWindows(at now: Instant) {
        busyCores.restartWindow(at: now)
        queued.restartWindow(at: now)
    }
}
