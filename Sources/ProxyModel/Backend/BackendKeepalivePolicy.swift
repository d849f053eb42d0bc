/// What a server does when a connection reaches its request limit.
public enum BackendRequestLimitBehaviour: Hashable, Sendable {
    /// The last response carries `Connection: close` and the server closes after
    /// it (Node.js `maxRequestsPerSocket`, Apache, Tomcat, Puma): nginx sees a
    /// response marked close and does not cache the connection.
    case connectionCloseOnLastResponse
    /// The server closes after the last response without saying so: nginx may
    /// cache the connection and learn of the close only from the FIN.
    case closeSilently
}

/// Load-dependent early closes (backends-and-costs.md, "Load-dependent early closes").
public enum BackendLoadShedding: Hashable, Sendable {
    /// Load changes nothing.
    case none
    /// Puma 6: a response gets `Connection: close` when every thread is busy
    /// and more work waits, pushing the client to another worker.
    case closeAfterResponseWhenSaturated
    /// Apache event MPM: idle keep-alive connections are closed early when the
    /// process runs out of workers.
    case closeIdleConnectionsWhenSaturated
}

/// What the backend decides about a connection after writing a response.
public enum BackendResponseDecision: Hashable, Sendable {
    /// The connection stays open; its idle timer starts when the response was written.
    case keepOpen
    /// The server closes after this response. `announced`: the response carried
    /// `Connection: close` (nginx then sees `UpstreamResponseEnd.markedClose`).
    case closeAfterResponse(BackendCloseReason, announced: Bool)
}

/// A backend server's keepalive behaviour, with the moment it REALLY closes an
/// idle connection (backends-and-costs.md). Pure: the driver passes the facts.
public struct BackendKeepalivePolicy: Hashable, Sendable {
    /// The configured keep-alive (idle) timeout; nil = no limit.
    public var idleTimeout: TimeSpan?
    /// How long after `idleTimeout` the socket is actually closed: Node.js adds
    /// `keepAliveTimeoutBuffer` (1 s, v24.6+/v22.19+; Node 20 measured ~1 s too).
    public var idleCloseDelay: TimeSpan
    /// Requests per connection before the server closes it; nil = unlimited.
    public var maxRequestsPerConnection: Int?
    /// What happens at `maxRequestsPerConnection`.
    public var atRequestLimit: BackendRequestLimitBehaviour
    /// The server sends `Connection: close` on every response (gunicorn sync worker).
    public var alwaysCloses: Bool
    /// FIN or RST.
    public var closeStyle: BackendCloseStyle
    /// Load-dependent early close.
    public var loadShedding: BackendLoadShedding

    public init(
        idleTimeout: TimeSpan?, idleCloseDelay: TimeSpan = .zero, maxRequestsPerConnection: Int? = nil,
        atRequestLimit: BackendRequestLimitBehaviour = .connectionCloseOnLastResponse, alwaysCloses: Bool = false,
        closeStyle: BackendCloseStyle = .fin, loadShedding: BackendLoadShedding = .none
    ) {
        self.idleTimeout = idleTimeout; self.idleCloseDelay = idleCloseDelay
        self.maxRequestsPerConnection = maxRequestsPerConnection; self.atRequestLimit = atRequestLimit
        self.alwaysCloses = alwaysCloses; self.closeStyle = closeStyle; self.loadShedding = loadShedding
    }

    /// Time from the end of writing a response to the real close of the idle
    /// connection; nil when the server never closes idle connections.
    @inlinable
    public var effectiveIdleTimeout: TimeSpan? {
        idleTimeout.map { $0 + idleCloseDelay }
    }

    /// When the server closes a connection that stays idle. The server's idle
    /// clock starts when it has finished WRITING the response (nginx's starts
    /// later, when it has finished reading it).
    @inlinable
    public func idleCloseDeadline(responseWrittenAt: Instant) -> Instant {
        guard let timeout = effectiveIdleTimeout else { return .distantFuture }
        return responseWrittenAt.addingSaturating(timeout)
    }

    /// Whether the server closes after this response.
    /// - Parameters:
    ///   - requestNumber: this request's number on the connection, counting it (1 for the first).
    ///   - saturated: every worker/thread of the server is busy and more work waits.
    @inlinable
    public func afterResponse(requestNumber: Int, saturated: Bool) -> BackendResponseDecision {
        if alwaysCloses { return .closeAfterResponse(.alwaysCloses, announced: true) }
        if let limit = maxRequestsPerConnection, requestNumber >= limit {
            return .closeAfterResponse(.maxRequestsReached, announced: atRequestLimit == .connectionCloseOnLastResponse)
        }
        if saturated, loadShedding == .closeAfterResponseWhenSaturated {
            return .closeAfterResponse(.underLoad, announced: true)
        }
        return .keepOpen
    }

    /// Whether the server closes its idle keep-alive connections now, before
    /// their timeout, because it is saturated (Apache event MPM).
    @inlinable
    public func closesIdleConnectionsEarly(saturated: Bool) -> Bool {
        saturated && loadShedding == .closeIdleConnectionsWhenSaturated
    }
}
