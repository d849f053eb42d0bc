import ProxyModel
import Measurement

/// What the world keeps of one nginx worker process beside its
/// `NginxWorker` machine: its event loop's busy time (the CPU model) and
/// its statistics.
struct ProxyWorkerState {
    init(passOrder: SameLoopPassOrder) { pending = EventLoopPass(order: passOrder) }

    // The event loop (only used when CPU costs are not all zero).
    /// The loop is busy until then; events that arrive earlier wait.
    var busyUntil = Instant.zero
    /// Events waiting for the next pass, run in nginx's order (ProxyModel's `EventLoopPass`).
    var pending: EventLoopPass<WorldEvent>
    var passScheduled = false
    /// On a shared host: the worker has just been given a core, so its next pass runs whoever waits.
    var freshTurn = false
    var busyNanoseconds: Int64 = 0
    /// When the loop last became idle (for EPOLLEXCLUSIVE's longest-idle wake order).
    var idleSince: Instant? = .zero

    // Statistics.
    var clientConnectionsAccepted: UInt64 = 0
    var requests: UInt64 = 0
    var upstreamOpened: UInt64 = 0
    var openUpstream = PeakGauge()
    var idleUpstream = PeakGauge()
}

/// One backend instance's serving state.
struct BackendState {
    /// The busy workers and when each comes free (see `BusyWorkers`).
    var workers = BusyWorkers()
    /// On a shared host: when its last request CPU ended (a worker that goes
    /// on at once has no wake-up latency to pay).
    var cpuRanUntil = Instant(nanoseconds: -1)
    /// Connections whose request waits for a worker.
    var queue = IDQueue()
    var openConnections = PeakGauge()
    /// Busy workers, also per second (`busyWindow`): bursts a whole-run mean hides.
    var busy: WindowedGauge
    var inFlight = PeakGauge()
    var requests: UInt64 = 0
    var accepted: UInt64 = 0
    var queueWaitNanoseconds: Int64 = 0
    var queueWait = LatencyHistogram()
    var queueWaits: UInt64 = 0
    var handshakeCPUNanoseconds: Int64 = 0
    var closedByReason = [UInt64](repeating: 0, count: BackendSideCloseReason.allCases.count)
    /// Connections from nginx to this backend that hold an nginx-side port.
    var proxyPortsOpen: Int = 0
    /// nginx-side sockets to this backend in TIME_WAIT.
    var proxyTimeWait: ExpiringCounter
    /// Backend-side sockets in TIME_WAIT.
    var backendTimeWait: ExpiringCounter
    /// Highest share of the ephemeral ports toward this backend in use or in TIME_WAIT.
    var peakPortUse: Double = 0
    /// Requests that met a connection this backend had closed: retried, and answered 502 (or 504).
    var staleRetried: UInt64 = 0
    var staleSurfaced: UInt64 = 0

    /// The window `busy` is also averaged over, and the share of the workers
    /// busy over a window from which it counts as saturated.
    static let busyWindow = TimeSpan.seconds(1)
    static let saturatedShare = 0.9

    /// Established connections it has not accepted yet, and SYNs it dropped because they were too many.
    var acceptQueue = 0
    var listenOverflows: UInt64 = 0
}
