/// One worker's `worker_connections` slots (ngx_connection.c): who holds
/// them, when nginx starts closing idle client connections to make room
/// (`ngx_drain_connections`), and when it refuses a connection outright
/// ("worker_connections are not enough").
///
/// Taking a slot is two steps, as in `ngx_get_connection`:
/// 1. `reusableConnectionsToDrain` says how many of the oldest reusable
///    client connections nginx closes first; the driver closes them (oldest
///    first) and `release(.reusableClient)`s each;
/// 2. `acquire(kind)` takes a slot, or returns false when none is free:
///    on accept the new socket is closed at once; on an upstream connect the
///    request gets 500 (`NextUpstreamEvent.noWorkerConnectionSlot`).
public struct WorkerConnectionBudget: Hashable, Sendable {
    /// `worker_connections`.
    public let workerConnections: Int
    public var listeners: Int { listenerSlots }
    public var activeClients: Int { activeClientSlots }
    public var reusableClients: Int { reusableClientSlots }
    public var activeUpstreams: Int { activeUpstreamSlots }
    public var idleUpstreams: Int { idleUpstreamSlots }
    // Stored apart from the read-only public counts so that the slot
    // changes, done several times per request, can be inlined.
    @usableFromInline var listenerSlots: Int
    @usableFromInline var activeClientSlots: Int
    @usableFromInline var reusableClientSlots: Int
    @usableFromInline var activeUpstreamSlots: Int
    @usableFromInline var idleUpstreamSlots: Int
    /// Listening is paused until then after accept() failed with EMFILE/ENFILE.
    public var acceptPausedUntil: Instant

    /// The pause after accept() fails with EMFILE or ENFILE (`accept_mutex_delay`, 500 ms).
    public static let acceptPauseAfterTooManyFiles = TimeSpan.milliseconds(500)

    /// - Parameters:
    ///   - workerConnections: the per-worker limit (nginx's compiled default 512, shipped conf 1024).
    ///   - listeners: listening sockets, which take their slots first.
    public init(workerConnections: Int, listeners: Int = 1) throws(WorkerConfigurationError) {
        if workerConnections < 1 {
            throw WorkerConfigurationError(
                setting: "worker_connections", problem: "\(workerConnections) is invalid; it must be 1 or more")
        }
        if listeners < 0 || listeners > workerConnections {
            throw WorkerConfigurationError(
                setting: "worker_connections",
                problem: "\(workerConnections) are not enough for \(listeners) listening sockets")
        }
        self.workerConnections = workerConnections
        listenerSlots = listeners
        activeClientSlots = 0
        reusableClientSlots = 0
        activeUpstreamSlots = 0
        idleUpstreamSlots = 0
        acceptPausedUntil = .zero
    }

    /// Slots held by connections of one kind.
    @inlinable
    public func count(_ kind: ConnectionSlotKind) -> Int {
        switch kind {
        case .listener: return listenerSlots
        case .activeClient: return activeClientSlots
        case .reusableClient: return reusableClientSlots
        case .activeUpstream: return activeUpstreamSlots
        case .idleUpstream: return idleUpstreamSlots
        }
    }

    /// Slots in use.
    @inlinable
    public var used: Int { listenerSlots + activeClientSlots + reusableClientSlots + activeUpstreamSlots + idleUpstreamSlots }

    /// Slots free (`free_connection_n`).
    @inlinable
    public var free: Int { workerConnections - used }

    /// `ngx_drain_connections`: at `free <= worker_connections / 16`, close
    /// `max(1, min(32, reusable / 8))` of the oldest reusable client
    /// connections before taking a slot; 0 when not short or none is reusable.
    @inlinable
    public var reusableConnectionsToDrain: Int {
        if free > workerConnections / 16 || reusableClientSlots == 0 { return 0 }
        return max(1, min(32, reusableClientSlots / 8))
    }

    /// True while fewer than 1/8 of the slots are free (`ngx_accept_disabled > 0`):
    /// such a worker re-adds its listener on every accept (EPOLLEXCLUSIVE)
    /// or skips its turn for the accept mutex.
    @inlinable
    public var isShortOfSlots: Bool { free < workerConnections / 8 }

    /// Takes a slot; false when none is free.
    @inlinable
    public mutating func acquire(_ kind: ConnectionSlotKind) -> Bool {
        if free <= 0 { return false }
        adjust(kind, by: 1)
        return true
    }

    /// Gives a slot back when a connection of this kind closes.
    @inlinable
    public mutating func release(_ kind: ConnectionSlotKind) {
        if count(kind) > 0 { adjust(kind, by: -1) }
    }

    /// A connection changes role without closing, e.g. a client connection
    /// going idle after a response (`.activeClient` -> `.reusableClient`),
    /// or an upstream connection stored in / taken from the keepalive cache.
    @inlinable
    public mutating func move(from old: ConnectionSlotKind, to new: ConnectionSlotKind) {
        if count(old) > 0 {
            adjust(old, by: -1)
            adjust(new, by: 1)
        }
    }

    @inlinable
    mutating func adjust(_ kind: ConnectionSlotKind, by delta: Int) {
        switch kind {
        case .listener: listenerSlots += delta
        case .activeClient: activeClientSlots += delta
        case .reusableClient: reusableClientSlots += delta
        case .activeUpstream: activeUpstreamSlots += delta
        case .idleUpstream: idleUpstreamSlots += delta
        }
    }

    /// accept() failed with EMFILE/ENFILE: nginx stops accepting for 500 ms
    /// (without accept_mutex; `ngx_disable_accept_events` plus a timer).
    public mutating func acceptFailedWithTooManyOpenFiles(now: Instant) {
        acceptPausedUntil = now + Self.acceptPauseAfterTooManyFiles
    }

    /// Whether the worker is accepting new connections at `now`.
    @inlinable
    public func isAccepting(now: Instant) -> Bool { now >= acceptPausedUntil }
}
