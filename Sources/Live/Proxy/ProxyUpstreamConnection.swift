import ProxyModel

/// An upstream connection of a built-in proxy worker: the socket, the
/// worker's handle for it, and the response being read. The body is kept
/// (proxy_buffering on: nginx reads the whole response before it releases
/// the connection to the keepalive cache) and handed to the client's
/// connection when the worker has decided how to answer.
final class ProxyUpstreamConnection {
    /// The response being read: the facts ngx_http_proxy_process_status_line
    /// and ngx_http_proxy_process_header set `u->keepalive` from.
    struct Response {
        var status: Int
        var versionMinor: Int
        var connectionClose: Bool
        var body: UpstreamResponseEnd.Body
        var bytes: [UInt8] = []
    }

    let connection: SocketConnection
    var handle: UpstreamHandle
    /// The client connection (driver id) whose request it carries; -1 while idle.
    var client: Int32 = -1
    var method: HTTPMethod = .get
    var response: Response?
    var isConnected = false
    /// proxy_connect_timeout, then proxy_read_timeout.
    var timer = LazyLoopTimer()
    /// The worker still holds this connection.
    var isOpenAtWorker = true

    init(connection: SocketConnection, handle: UpstreamHandle) {
        self.connection = connection
        self.handle = handle
    }
}
