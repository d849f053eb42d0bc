import ProxyModel

/// What a `LiveBackend` knows about one of its connections.
final class BackendConnectionState {
    /// A request read in full and not yet answered.
    struct Request {
        /// A HEAD request's response has no body.
    var isHEAD: Bool
        /// The request allows the connection to persist (RFC 9112 9.3).
        var clientKeepAlive: Bool
        /// The body size the request asked for (`X-Response-Bytes`), capped.
        var responseBytes: Int
    }

    let connection: SocketConnection
    /// When the server last wrote a response (its idle timer counts from there).
    var lastResponseWrittenAt: Instant?
    /// The request whose head was read and whose body is still arriving.
    var reading: Request?
    /// Requests read, waiting their turn (HTTP/1.1 answers in order).
    var waiting: [Request] = []
    /// A request of this connection is on a worker or waiting on its timer.
    var inService = false
    /// Responses sent (the next request's number is this + 1).
    var answered = 0
    /// False while the accept CPU cost is still being paid.
    var acceptDone = true
    var idleTimer: TimerID?
    var isClosed = false

    init(connection: SocketConnection) {
        self.connection = connection
    }

    /// Answered at least once, nothing in flight, nothing queued to write: a
    /// keep-alive connection between requests (what load shedding closes).
    var isIdleKeepAlive: Bool {
        !isClosed && answered > 0 && !inService && reading == nil && waiting.isEmpty && connection.pendingOutputCount == 0
    }

    func cancelIdleTimer(on loop: EventLoop) {
        if let timer = idleTimer { loop.cancel(timer) }
        idleTimer = nil
    }
}
