/// An nginx configuration as the user wrote it: the directives that matter
/// for keepalive, retries, balancing and workers, each optional (nil = not
/// written). `resolved()` applies the defaults of `version`, validates, and
/// derives the facts the simulator needs (`EffectiveConfiguration`).
public struct NginxConfiguration: Hashable, Sendable {
    /// Which nginx to model; selects every default (`NginxDefaults`).
    public var version: NginxVersion
    /// `worker_processes`. Default 1.
    public var workerProcesses: Int?
    /// `worker_connections` (events context). Default 512.
    public var workerConnections: Int?
    /// `accept_mutex` (events context). Default off (on before 1.11.3).
    public var acceptMutex: Bool?
    /// `accept_mutex_delay` (events context). Default 500ms.
    public var acceptMutexDelay: TimeSpan?
    /// `multi_accept` (events context). Default off.
    public var multiAccept: Bool?
    /// `listen ... reuseport`: the kernel spreads new connections over workers by
    /// hashing the 4-tuple. Default off.
    public var reuseport: Bool?
    /// Client-side keepalive (`http`/`server` context).
    public var client: ClientKeepaliveDirectives
    /// `http2 on` (1.25.1+) or `listen ... http2` (1.9.5+): nginx offers
    /// HTTP/2 to clients. Default off.
    public var http2: Bool?
    /// `http2_max_concurrent_streams`: streams one HTTP/2 connection may have
    /// in progress (ngx_http_v2_state_headers refuses more). Default 128.
    public var http2MaxConcurrentStreams: Int?
    /// The `upstream{}` blocks, in order.
    public var upstreams: [UpstreamBlock]
    /// The proxying locations, in order.
    public var locations: [ProxyLocation]

    public init(
        version: NginxVersion, workerProcesses: Int? = nil, workerConnections: Int? = nil,
        acceptMutex: Bool? = nil, acceptMutexDelay: TimeSpan? = nil, multiAccept: Bool? = nil,
        reuseport: Bool? = nil, client: ClientKeepaliveDirectives = ClientKeepaliveDirectives(),
        upstreams: [UpstreamBlock] = [], locations: [ProxyLocation] = []
    ) {
        self.version = version; self.workerProcesses = workerProcesses
        self.workerConnections = workerConnections; self.acceptMutex = acceptMutex
        self.acceptMutexDelay = acceptMutexDelay; self.multiAccept = multiAccept
        self.reuseport = reuseport; self.client = client
        self.upstreams = upstreams; self.locations = locations
    }
}
