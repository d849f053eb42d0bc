/// What an `NginxWorker` asks its driver to do. The worker appends actions to
/// a caller-provided `NginxWorkerActions` buffer in the order nginx does
/// them; the driver carries them out in that order (the simulator turns them
/// into events on its virtual clock, the live proxy into syscalls).
///
/// Connections are named by the driver's own ids (`driverID`, given when the
/// connection was accepted or bound after `connect`), so a driver never looks
/// anything up to act. Trivially copyable: no allocation per action.
public enum NginxWorkerAction: Hashable, Sendable {
    // MARK: Client side

    /// No `worker_connections` slot at accept: close the new socket at once
    /// ("worker_connections are not enough", ngx_event_accept).
    case rejectClient(client: Int32)
    /// Send a response to the client: the backend's (`cause == nil`) or one
    /// nginx made itself (`cause` says why). `closeReason` non-nil: the
    /// response carries `Connection: close` and nginx closes the connection
    /// behind it (the worker forgets the connection); nil: the connection
    /// stays, and its timer is (re)armed for `timerAt` (`keepalive_timeout`).
    /// On an HTTP/2 stream (`client` is the stream's id) `timerAt` is
    /// `distantFuture`: the stream just ends; its connection's timer or close
    /// follows as an action of its own.
    case respond(client: Int32, status: Int16, closeReason: ClientCloseCause?, cause: NginxErrorCause?, timerAt: Instant)
    /// (Re)arm the client connection's `keepalive_timeout` timer for `at`.
    case armClientTimer(client: Int32, at: Instant)
    /// Stop the client connection's timer.
    case cancelClientTimer(client: Int32)
    /// Close an idle client connection (idle timeout, or drained under slot
    /// pressure by ngx_drain_connections); the worker forgets it.
    case closeClient(client: Int32, reason: ClientCloseCause)

    // MARK: Upstream side

    /// Open a new connection to `server` of `upstream` for the client's
    /// request; if it is not established by `timeoutAt`, report
    /// `upstreamTimerFired` (`proxy_connect_timeout`). The driver binds its id
    /// with `bindUpstream(_:driverID:)` and reports `upstreamConnected`, or
    /// `upstreamConnectFailed` at once when connect() fails synchronously (no
    /// local port). It is the last action of its call.
    case connect(UpstreamHandle, client: Int32, upstream: Int32, server: Int32, timeoutAt: Instant)
    /// Write the client's request on the connection (`cached`: taken from the
    /// keepalive cache; otherwise just connected), and (re)arm the
    /// connection's timer (`proxy_read_timeout`) for `timerAt`.
    /// `asksToClose`: the request is HTTP/1.0 or says `Connection: close`.
    case send(upstream: Int32, client: Int32, cached: Bool, asksToClose: Bool, timerAt: Instant)
    /// Stop the connection's timer.
    case cancelUpstreamTimer(upstream: Int32)
    /// `proxy_buffering off`: relay the response on `upstream` to the client
    /// and report `responseRelayed` once its last byte has left nginx; the
    /// connection stays busy until then.
    case relay(upstream: Int32, client: Int32)
    /// The connection went idle into the keepalive cache.
    case storedIdle(upstream: Int32)
    /// Close the upstream connection (`wasIdle`: it was in the keepalive
    /// cache until now); the worker forgets it.
    case closeUpstream(upstream: Int32, reason: UpstreamCloseReason, wasIdle: Bool)
    /// (Re)arm the idle timer of upstream block `upstream`'s keepalive cache for `at`.
    case armCacheTimer(upstream: Int32, at: Instant)
    /// Stop the idle timer of upstream block `upstream`'s keepalive cache.
    case cancelCacheTimer(upstream: Int32)
    /// Every attempt (a server chosen by the balancer) ends in `send` on a
    /// cached connection, `connect`, or `attemptFailed` for want of a
    /// `worker_connections` slot.
    ///
    /// An attempt on the client's request failed (`ngx_http_upstream_next`),
    /// on connection `upstream` (-1: none was open); `retried`: nginx tries
    /// again (`retry` follows once the connection is closed), otherwise a
    /// `respond` follows.
    case attemptFailed(client: Int32, upstream: Int32, cause: NginxErrorCause, retried: Bool)
    /// nginx passes the client's request to another attempt.
    case retry(client: Int32)
}

/// The buffer a driver lends an `NginxWorker` for its actions. Reuse one:
/// `removeAll()` keeps its capacity, so the steady state allocates nothing
/// (and, not copyable, it needs no copy-on-write check per action).
public struct NginxWorkerActions: ~Copyable, @unchecked Sendable {
    @usableFromInline var items = SlotTable<NginxWorkerAction>()

    public init() {}

    @inlinable public var count: Int { items.count }
    @inlinable public var isEmpty: Bool { items.count == 0 }
    @inlinable public subscript(index: Int) -> NginxWorkerAction { items[index] }
    /// The actions, in order (for tests and logs).
    public var all: [NginxWorkerAction] { items.indices.map { items[$0] } }

    @inlinable
    public mutating func append(_ action: NginxWorkerAction) { items.append(action) }

    @inlinable
    public mutating func removeAll() { items.removeAll() }
}
