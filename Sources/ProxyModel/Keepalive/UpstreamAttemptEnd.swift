/// What the driver knows when an attempt gives its upstream connection back
/// (`peer.free` -> `ngx_http_upstream_free_keepalive_peer`): the inputs of the
/// store-or-close decision.
public struct UpstreamAttemptEnd: Hashable, Sendable {
    /// The attempt failed (`NGX_PEER_FAILED`): error, timeout, invalid header,
    /// or an http_XXX passed to the next server.
    public var attemptFailed: Bool
    /// The backend's FIN or RST was already seen on the connection (`c->read->eof`, `error`).
    public var backendClosed: Bool
    /// How the response ended.
    public var response: UpstreamResponseEnd
    /// The whole request body was sent (`u->request_body_sent`).
    public var requestBodyFullySent: Bool
    /// The worker is shutting down (`ngx_exiting`, `ngx_terminate`).
    public var workerExiting: Bool
    /// Requests this connection has carried, this one included (`c->requests`,
    /// incremented at each use).
    public var requestsServed: Int
    /// When the connection was opened (`c->start_time`), for `keepalive_time`.
    public var openedAt: Instant

    @inlinable
    public init(
        requestsServed: Int, openedAt: Instant, response: UpstreamResponseEnd = .reusable,
        attemptFailed: Bool = false, backendClosed: Bool = false, requestBodyFullySent: Bool = true,
        workerExiting: Bool = false
    ) {
        self.requestsServed = requestsServed; self.openedAt = openedAt; self.response = response
        self.attemptFailed = attemptFailed; self.backendClosed = backendClosed
        self.requestBodyFullySent = requestBodyFullySent; self.workerExiting = workerExiting
    }
}

/// What happened to a released upstream connection.
public enum UpstreamReleaseDecision: Hashable, Sendable {
    /// Cached. If the cache was full, `evicted` is the idle connection nginx
    /// closed to make room (`UpstreamCloseReason.cacheEviction`, TIME_WAIT on nginx's side).
    case stored(evicted: UpstreamConnectionID?)
    /// Not cached: close it, for this reason.
    case closed(UpstreamCloseReason)
}
