/// One nginx worker process as a sans-IO machine: everything nginx decides
/// between reading a client's request and answering it, in one value that
/// both drivers run — the simulator on its virtual clock and the live proxy
/// on the real one.
///
/// It owns the worker's `worker_connections` budget, each upstream block's
/// keepalive cache and balancer (a `zone`'s balancer is lent by the driver in
/// `SharedUpstreamZones`), each request's retry and peer state, the client
/// connections' keepalive state and every proxy-side deadline. Inputs carry
/// `now` and come from the driver (a connection accepted, a request read, an
/// upstream connected, a response header or a FIN read, a timer due);
/// outputs are `NginxWorkerAction`s appended to a buffer the driver lends.
/// Timers are per connection, as nginx's are: the worker asks for each to be
/// armed or stopped, and checks its own deadline when told one fired, so a
/// late or stale timer is harmless.
///
/// One request at a time per HTTP/1.1 client connection (no pipelining),
/// so a request's state lives with its client connection, as nginx's
/// `ngx_http_request_t` hangs off its connection. An HTTP/2 connection
/// carries many requests at once: each stream is an entry of its own in the
/// client table (kind `.stream`), as ngx_http_v2_create_stream gives each
/// stream a fake connection of its own — but one that takes no
/// `worker_connections` slot (it is allocated from the HTTP/2 connection's
/// pool, not by ngx_get_connection).
///
/// Files: `NginxWorker+Clients.swift` (accept, request, response, client
/// keepalive, ngx_drain_connections), `NginxWorker+HTTP2.swift` (streams
/// on an HTTP/2 connection, GOAWAY, the connection's keepalive), `NginxWorker+Upstream.swift` (server
/// choice, cached or new connection, response, release to the cache),
/// `NginxWorker+Failures.swift` (ngx_http_upstream_next, timers, FIN from the
/// backend), `NginxWorker+Invariants.swift` (the checker tests run).
///
/// Not copyable: a worker is one process's state, owned by one driver
/// (the simulator's world, or one live proxy thread), and its tables are
/// `SlotTable`s that skip copy-on-write checks on the hot path.
public struct NginxWorker: ~Copyable, @unchecked Sendable {
    /// The worker's number (0-based).
    public let index: Int
    @usableFromInline let plan: NginxWorkerPlan

    /// Slots of `worker_connections`.
    @usableFromInline var slots: WorkerConnectionBudget
    /// Slots of `worker_connections` in use, by kind.
    public var budget: WorkerConnectionBudget { slots }
    /// Per upstream block: its keepalive cache (nil: none) and its balancer
    /// (unused for a `zone`d upstream, whose balancer is shared).
    @usableFromInline var caches = SlotTable<UpstreamKeepaliveCache?>()
    @usableFromInline var balancers = SlotTable<UpstreamBalancer>()

    @usableFromInline var clients = SlotTable<ClientConnectionState>()
    /// The balancer's per-request state of each client slot, kept across
    /// requests so that it allocates only when a slot is first used.
    @usableFromInline var peerStates = SlotTable<PeerRequestState>()
    @usableFromInline var clientSlots = SlotAllocator()
    @usableFromInline var upstreams = SlotTable<UpstreamConnectionState>()
    @usableFromInline var upstreamSlots = SlotAllocator()

    public init(index: Int, plan: NginxWorkerPlan) throws(WorkerConfigurationError) {
        self.index = index
        self.plan = plan
        slots = try WorkerConnectionBudget(workerConnections: plan.workerConnections)
        for settings in plan.cacheSettings { caches.append(settings.map { UpstreamKeepaliveCache(settings: $0) }) }
        for balancer in plan.initialBalancers { balancers.append(balancer) }
    }

    /// The keepalive cache of upstream block `u`, if it has one.
    public func cache(_ u: Int) -> UpstreamKeepaliveCache? { caches[u] }

    /// The balancer this worker uses for upstream block `u`.
    public func balancer(_ u: Int, zones: SharedUpstreamZones) -> UpstreamBalancer {
        plan.zoned[u] ? zones.balancers[u] : balancers[u]
    }

    /// Client connections open at the worker.
    public var openClientConnections: Int { clientSlots.liveCount }
    /// Upstream connections open at the worker (connecting, busy or idle).
    public var openUpstreamConnections: Int { upstreamSlots.liveCount }


    /// Attaches the driver's id to a connection the worker asked it to open
    /// (`NginxWorkerAction.connect`); later actions name it by that id.
    @inlinable
    public mutating func bindUpstream(_ handle: UpstreamHandle, driverID: Int32) {
        upstreams[Int(handle.rawValue)].driverID = driverID
    }
}

/// A client connection as the worker sees it.
@usableFromInline
struct ClientConnectionState: Sendable {
    @usableFromInline enum Phase: UInt8, Sendable {
        /// Waiting for a request (just accepted, or idle between keepalive
        /// requests): nginx's "reusable" connection.
        case waiting
        /// Idle between keepalive requests but not yet reusable: within
        /// `keepalive_min_timeout` of its last response.
        case protected
        /// A request is being proxied.
        case active
        /// Closed: the slot is free.
        case closed
    }
    /// What the entry stands for.
    @usableFromInline enum Kind: UInt8, Sendable {
        /// An HTTP/1.x connection: one request at a time.
        case http1
        /// An HTTP/2 connection: its requests are its streams' entries.
        case http2
        /// A stream of an HTTP/2 connection (`parent`): one request, no slot of its own.
        case stream
    }
    @usableFromInline var driverID: Int32
    @usableFromInline var phase: Phase
    @usableFromInline var kind = Kind.http1
    /// A stream's HTTP/2 connection (-1: not a stream).
    @usableFromInline var parent: Int32 = -1
    /// An HTTP/2 connection's streams in progress (`h2c->processing`).
    @usableFromInline var streams: Int32 = 0
    /// An HTTP/2 connection that sent GOAWAY (`h2c->goaway`): it skips new
    /// streams and closes when its last stream ends; `closeReason` says why.
    @usableFromInline var goaway = false
    /// `c->start_time`.
    @usableFromInline var acceptedAt: Instant
    @usableFromInline var idleSince: Instant
    /// `c->requests`: requests read on it, the current one included.
    @usableFromInline var requests: Int32 = 0

    // The request in progress.
    @usableFromInline var location: Int32 = 0
    @usableFromInline var closeReason: ClientCloseCause? = nil
    @usableFromInline var retry: NextUpstreamState? = nil
    @usableFromInline var server: Int32 = -1
    /// The upstream connection of the current attempt (-1: none).
    @usableFromInline var upstream: Int32 = -1

    @inlinable
    init(driverID: Int32, acceptedAt: Instant) {
        self.driverID = driverID; phase = .waiting; self.acceptedAt = acceptedAt; idleSince = acceptedAt
    }
}

/// An upstream connection as the worker sees it.
@usableFromInline
struct UpstreamConnectionState: Sendable {
    @usableFromInline enum Phase: UInt8, Sendable {
        /// connect() in progress.
        case connecting
        /// Carrying a request.
        case active
        /// The response is read and being relayed to the client; with
        /// `proxy_buffering off` the connection is released only after that.
        case relaying
        /// In the keepalive cache.
        case idle
        /// Closed: the slot is free.
        case closed
    }
    @usableFromInline var driverID: Int32 = -1
    @usableFromInline var phase: Phase
    @usableFromInline var upstream: Int32
    @usableFromInline var server: Int32
    @usableFromInline var location: Int32
    /// `c->requests`: attempts made on it, the current one included.
    @usableFromInline var requests: Int32 = 1
    /// `c->start_time`, for `keepalive_time`.
    @usableFromInline var openedAt: Instant
    /// The client connection whose request it carries (-1: none).
    @usableFromInline var client: Int32
    /// The request on it was taken from the cache (`pc->cached`).
    @usableFromInline var cached = false
    /// Deadline of its connect or read timer.
    @usableFromInline var deadline = Instant.distantFuture
    /// While relaying: the response's status and how it ended, and whether
    /// the backend's FIN or RST arrived meanwhile (`c->read->eof`).
    @usableFromInline var relayedStatus: Int16 = 0
    @usableFromInline var relayedEnd = UpstreamResponseEnd.reusable
    @usableFromInline var peerClosed = false

    @inlinable
    init(upstream: Int32, server: Int32, location: Int32, openedAt: Instant, client: Int32) {
        phase = .connecting; self.upstream = upstream; self.server = server; self.location = location
        self.openedAt = openedAt; self.client = client
    }
}
