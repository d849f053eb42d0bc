import ProxyModel

/// The simulated world's entities: records in entity tables, addressed by integer
/// ids. A freed slot is reused; its generation changes so that events still
/// in flight for the old occupant are recognised and dropped.

/// One request, from the client's intent to the response's arrival.
/// Trivially copyable (no references): writing a fresh record for each
/// request is a plain copy. What nginx keeps of a request (retry and
/// balancer state, the current attempt) is the worker's (`NginxWorker`).
struct RequestRecord {
    var generation: UInt32 = 0
    /// Run-wide serial number (slots are reused; serials are not).
    var serial: Int64 = 0
    var clientConnection: Int32 = -1
    var client: Int32 = 0
    var method: HTTPMethod = .get
    var location: Int32 = 0
    /// The URI's hash key: drawn from `traffic.uris`, or a trace row's own.
    var uriKey = HashKey.empty
    var intendedAt = Instant.zero
    var sentAt = Instant.zero
    var requestBytes: Int64 = 0
    var responseBytes: Int64 = 0
    /// Intended inside the measured window.
    var measured = false
    var retried = false
    /// Its response was relayed to the client before nginx finished it (`proxy_buffering off`).
    var relayed = false
    var status: Int16 = 0
    /// nginx keeps the client connection after the response.
    var clientKeepsAlive = true
    /// Next in a client's queue of requests waiting for a connection.
    var nextWaiting: Int32 = -1
    /// HTTP/2: it waits for a stream (its connection is at the stream limit),
    /// not for a connection's handshake.
    var waitsForStream = false
}

enum ClientConnectionState: UInt8 { case connecting, idle, busy, closed }

struct ClientConnectionRecord {
    var generation: UInt32 = 0
    var serial: Int64 = 0
    var client: Int32 = 0
    var worker: Int32 = -1
    /// The worker's handle while nginx has it open (-1: not accepted, or closed by nginx).
    var proxyHandle: Int32 = -1
    var state = ClientConnectionState.closed
    var openedAt = Instant.zero
    /// The request in progress (busy) or queued behind the handshake (connecting).
    var request: Int32 = -1
    /// When nginx's idle timer started (response finished).
    var idleSince = Instant.zero
    /// nginx closed it; its FIN reaches the client at this time.
    var closingAt = Instant.distantFuture
    var idleTimer: TimerID
    /// Closed-loop connections keep their think-time timer here.
    var thinkTimer: TimerID
    /// A closed-loop connection (never returns to a client's idle list).
    var closedLoop = false
    /// SYNs of its current connect that nginx's full accept queue dropped.
    var synsDropped: UInt8 = 0

    // HTTP/2 (`World+ClientStreams.swift`).
    /// An HTTP/2 connection (its requests are stream records).
    var isHTTP2 = false
    /// A stream record: the HTTP/2 connection it is sent on, and that
    /// connection's generation (-1: not a stream).
    var h2Connection: Int32 = -1
    var h2ConnectionGeneration: UInt32 = 0
    /// An HTTP/2 connection: streams sent and not yet answered (or refused) at the client.
    var streamsInFlight: Int32 = 0
    /// An HTTP/2 connection: when nginx's GOAWAY reaches the client, which
    /// then sends no more streams on it.
    var goawayReachesClientAt = Instant.distantFuture
    /// An HTTP/2 connection whose FIN from nginx arrived: it closes at the
    /// client once its streams are answered.
    var finArrived = false
}

/// One simulated client: its idle connections and the requests waiting for one.
struct ClientRecord {
    /// The client's IPv4 address, and its text's hash key (`$remote_addr`).
    var address: UInt32 = 0
    var addressKey = HashKey.empty
    var idleConnections: [Int32] = []
    var openConnections: Int32 = 0
    var waitingHead: Int32 = -1
    var waitingTail: Int32 = -1
    /// HTTP/2: the connection new requests go to (-1: none usable).
    var h2Connection: Int32 = -1
}

struct UpstreamConnectionRecord {
    var generation: UInt32 = 0
    var serial: Int64 = 0
    var worker: Int32 = 0
    var upstream: Int32 = 0
    var server: Int32 = 0
    var backend: Int32 = 0
    var location: Int32 = 0
    /// The worker's handle while nginx has its end open (-1: closed by nginx).
    var proxyHandle: Int32 = -1
    /// The backend still has its end open.
    var backendOpen = false
    /// The backend is serving a request on it.
    var backendBusy = false
    /// Requests the backend has answered on it.
    var backendRequests: Int32 = 0
    /// The request it carries (for the lifecycle log), or -1.
    var request: Int32 = -1
    /// When the backend closed its end (FIN or RST sent).
    var backendClosedAt = Instant.distantFuture
    /// How the last response ended for reuse purposes (what its headers say).
    var responseEnd = UpstreamResponseEnd.reusable
    /// The request on it asks the backend to close (HTTP/1.0 or `Connection: close`).
    var requestAsksClose = false
    /// The backend closes after the response it is writing.
    var backendClosesAfterResponse = false
    /// CPU the backend owes for accepting (and TLS) before the first request.
    var setupCPU = TimeSpan.zero
    /// On a shared host: the service sampled for a request whose worker waits for a core.
    var pendingCPU = TimeSpan.zero
    var pendingWait = TimeSpan.zero
    /// Status the backend answers the current request with.
    var responseStatus: Int16 = 200
    /// When the backend's idle timer started.
    var backendIdleSince = Instant.zero
    var backendIdleTimer: TimerID
    /// nginx's connect or read timer of this connection.
    var responseTimer: TimerID
    /// The TCP (and TLS) handshakes' duration, once a SYN gets through.
    var handshakeTime = TimeSpan.zero
    /// SYNs the backend's full accept queue dropped; `synPending` while a
    /// dropped one waits for its retransmission (never established yet).
    var synsDropped: UInt8 = 0
    var synPending = false
    /// Established, waiting in the backend's accept queue (no worker took its first request yet).
    var inAcceptQueue = false
}
