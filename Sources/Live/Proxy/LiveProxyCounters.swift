import ProxyModel

/// What a built-in proxy worker counts (read once its loop has stopped, or
/// merged over workers by `LiveProxy`). The nginx-side facts the simulator
/// reports — closes by reason, errors by cause, stale-connection failures,
/// retries — come from the worker's actions, so both drivers count the same things.
public struct LiveProxyCounters: Hashable, Sendable {
    public var clientConnectionsAccepted = 0
    /// Closed at accept: no `worker_connections` slot (`rejectClient`).
    public var clientConnectionsRejected = 0
    public var requests = 0
    /// Responses sent to clients by status (the backend's or nginx's own).
    public var responsesByStatus: [Int: Int] = [:]
    /// nginx's own answers by cause (`NginxErrorCause.rawValue`).
    public var errorCauses = [Int](repeating: 0, count: NginxErrorCause.allCases.count)
    /// Client connections nginx closed, by `ClientCloseCause.rawValue`.
    public var clientClosesByCause = [Int](repeating: 0, count: ClientCloseCause.allCases.count)
    /// Client connections the client closed (EOF or reset).
    public var clientClosesByPeer = 0
    /// Requests nginx answered with 400 (bad bytes) or 404 (no location),
    /// outside the model's vocabulary: the connection is closed after.
    public var protocolErrors = 0
    /// Clients closed for `client_header_timeout`.
    public var headerTimeouts = 0
    /// Attempts: cached connections used plus connections opened.
    public var upstreamAttempts = 0
    public var upstreamConnectionsOpened = 0
    /// connect() that failed at once (no local port, no descriptors).
    public var upstreamConnectFailures = 0
    public var upstreamReused = 0
    /// Upstream connections closed by nginx, by `UpstreamCloseReason.reportName`.
    public var upstreamClosesByReason: [String: Int] = [:]
    public var staleFailuresRetried = 0
    public var staleFailuresSurfaced = 0
    /// Requests passed to another attempt (counted once per request).
    public var retriedRequests = 0
    public var peakOpenUpstream = 0
    public var peakIdleUpstream = 0
    /// Accepts that failed (EMFILE...): the first failure's text is kept.
    public var acceptFailures = 0
    public var firstAcceptFailure: String?

    public init() {}

    /// Adds another worker's counts (peaks add too: workers' pools are separate).
    public mutating func merge(_ other: LiveProxyCounters) {
        clientConnectionsAccepted += other.clientConnectionsAccepted
        clientConnectionsRejected += other.clientConnectionsRejected
        requests += other.requests
        responsesByStatus.merge(other.responsesByStatus, uniquingKeysWith: +)
        for i in errorCauses.indices { errorCauses[i] += other.errorCauses[i] }
        for i in clientClosesByCause.indices { clientClosesByCause[i] += other.clientClosesByCause[i] }
        clientClosesByPeer += other.clientClosesByPeer
        protocolErrors += other.protocolErrors
        headerTimeouts += other.headerTimeouts
        upstreamAttempts += other.upstreamAttempts
        upstreamConnectionsOpened += other.upstreamConnectionsOpened
        upstreamConnectFailures += other.upstreamConnectFailures
        upstreamReused += other.upstreamReused
        upstreamClosesByReason.merge(other.upstreamClosesByReason, uniquingKeysWith: +)
        staleFailuresRetried += other.staleFailuresRetried
        staleFailuresSurfaced += other.staleFailuresSurfaced
        retriedRequests += other.retriedRequests
        peakOpenUpstream += other.peakOpenUpstream
        peakIdleUpstream += other.peakIdleUpstream
        acceptFailures += other.acceptFailures
        firstAcceptFailure = firstAcceptFailure ?? other.firstAcceptFailure
    }
}
