import ProxyModel

/// A client connection of a built-in proxy worker: the socket, the worker's
/// handle for it, and the requests read from it. nginx reads one request at
/// a time (proxy_request_buffering on: the whole body before going
/// upstream); requests a client pipelines behind it wait in `queued`.
final class ProxyClientConnection {
    /// A request read from the client, as the proxy forwards it.
    struct Request {
        var method: HTTPMethod
        /// false: a method the model does not know (answered 501, never proxied).
        var methodIsKnown: Bool
        /// nil: no location's prefix matches (nginx answers 404 itself).
        var location: Int?
        var httpVersion: HTTPVersion
        var connectionHeader: ClientConnectionHeader
        /// The request target (origin form), sent upstream unchanged.
        var target: [UInt8]
        /// The header fields nginx passes upstream ("Name: value\r\n" each):
        /// all but the hop-by-hop ones it rewrites (Host, Connection,
        /// Keep-Alive, framing), as ngx_http_proxy_create_request does.
        var forwardedFields: [UInt8]
        var body: [UInt8] = []
        /// The body passed the proxy's limit (413).
        var bodyTooLarge = false
    }

    /// Most complete requests a client may pipeline behind the one in
    /// flight: more (or more body bytes than one body may have) and the
    /// connection is closed (a client that never reads must not grow the
    /// proxy's memory without bound).
    static let maximumQueuedRequests = 32

    let connection: SocketConnection
    var handle: ClientHandle
    /// The head is read, the body is arriving.
    var reading: Request?
    var queued: [Request] = []
    var queuedHead = 0
    /// Body bytes of the queued requests: together at most the body limit,
    /// so a client pipelining large bodies costs bounded memory.
    var queuedBodyBytes = 0
    /// The request the worker is handling.
    var inFlight: Request?
    /// The backend's response for `inFlight`, held from the moment it was
    /// read until the worker says how to answer (`respond`).
    var response: (status: Int, body: [UInt8])?
    /// nginx's timer for this connection (keepalive_timeout).
    var timer = LazyLoopTimer()
    /// client_header_timeout: armed at accept until the first head is read.
    var headerTimer = LazyLoopTimer()
    /// The worker still holds this connection (it has not closed or forgotten it).
    var isOpenAtWorker = true
    /// The in-flight request was passed to another attempt (counted once).
    var retried = false
    /// The client closed its side while a request was in flight.
    var peerGone = false

    init(connection: SocketConnection, handle: ClientHandle) {
        self.connection = connection
        self.handle = handle
    }

    var hasQueuedRequest: Bool { queuedHead < queued.count }

    func dequeue() -> Request {
        let request = queued[queuedHead]
        queuedHead += 1
        queuedBodyBytes -= request.body.count
        if queuedHead == queued.count { queued.removeAll(keepingCapacity: true); queuedHead = 0 }
        return request
    }
}
