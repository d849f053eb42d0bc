import ProxyModel

/// The nginx side of the simulated world: the worker processes (ProxyModel's
/// `NginxWorker` machines, which make every nginx decision), what the world
/// keeps of each (its loop's busy time, its statistics), the `zone`
/// balancers they share, how the kernel hands them new connections, and the
/// buffers their calls use. The world drives it (`World+ProxyDriver.swift`).
struct ProxyTier: ~Copyable {
    /// The machines, by worker number.
    var workers: SlotTable<NginxWorker>
    /// Per worker: its event loop (CPU model) and statistics.
    var stats: SlotTable<ProxyWorkerState>
    /// Balancers of upstreams with a `zone`, shared by all workers.
    var zones: SharedUpstreamZones
    /// Which worker accepts a new connection (ngx_event_accept), and the
    /// per-worker facts it looks at.
    var assignment: WorkerAssignment
    var status: [WorkerStatus]
    /// Per worker and upstream block (`cacheTimerIndex(worker:upstream:)`):
    /// the keepalive cache's idle timer.
    var cacheTimers: [TimerID] = []
    /// The buffer the workers write their actions into (reused: no allocation per event).
    var actions = NginxWorkerActions()
    /// The events of a worker's loop pass, in nginx's order (reused).
    var passEvents: [WorldEvent] = []
    /// Upstream blocks, for the per-(worker, upstream) index.
    let upstreamCount: Int
    /// Per listening socket (one per worker with `reuseport`, else one
    /// shared): connections whose handshake is complete and that no worker
    /// has accepted yet (`World+ListenQueues.swift`).
    var acceptQueues: [Int] = []
    /// What each accept queue holds (`ListenBacklog.acceptQueueCapacity`).
    var acceptQueueCapacity = 0

    /// The listening socket worker `w` accepts from.
    @inline(__always) func listener(ofWorker w: Int) -> Int { acceptQueues.count == 1 ? 0 : w }

    /// The index of worker `w`'s cache timer for upstream block `u`.
    @inline(__always) func cacheTimerIndex(worker w: Int, upstream u: Int) -> Int { w * upstreamCount + u }
    @inline(__always) func workerAndUpstream(ofCacheTimer index: Int) -> (worker: Int, upstream: Int) {
        (index / upstreamCount, index % upstreamCount)
    }
}
