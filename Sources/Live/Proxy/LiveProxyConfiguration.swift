import ProxyModel

/// What the built-in proxy runs: the model's nginx (ProxyModel's
/// `EffectiveConfiguration`, flattened into the `NginxWorkerPlan` every
/// worker reads) and where its upstream servers listen on loopback.
public struct LiveProxyConfiguration: Sendable {
    /// How worker threads share the listening port.
    public enum AcceptMode: Hashable, Sendable {
        /// One listening socket watched by every worker with EPOLLEXCLUSIVE:
        /// nginx's default on Linux (no accept mutex since 1.11.3).
        case sharedListener
        /// A socket per worker with SO_REUSEPORT (`listen ... reuseport`):
        /// the kernel spreads connections by hash.
        case reusePort
    }

    public var plan: NginxWorkerPlan
    /// `worker_processes`: one thread and event loop each.
    public var workers: Int
    public var accept: AcceptMode
    /// Where clients connect (port 0: an ephemeral port).
    public var listenAddress: SocketAddress
    /// `listen ... backlog=` (nginx's default on Linux: 511).
    public var listenBacklog: Int32 = 511
    /// For each upstream block and each of its servers, where it listens.
    public var servers: [[SocketAddress]]
    /// Each location's prefix (`LocationMatcher`), in the plan's location order.
    public var locationPaths: [String]
    /// Per location: the request line's version nginx sends upstream
    /// (`proxy_http_version`) and the `Connection` value it adds (nil: none,
    /// `proxy_set_header Connection ""`), as ngx_http_proxy_create_request writes them.
    public var upstreamRequestVersion: [HTTPVersion]
    public var upstreamConnectionHeader: [ConnectionHeaderValue]
    /// Per location: the `Host` nginx sends upstream (`$proxy_host`: the upstream block's name).
    public var upstreamHost: [String]
    /// The model's links at the proxy's ends (`LinkDelay`): toward clients
    /// (accepting) and toward backends (connecting).
    public var clientLinkDelay = LinkDelay.none
    public var upstreamLinkDelay = LinkDelay.none
    /// Bounds on what clients and backends may send.
    public var limits: HTTPLimits
    /// `client_header_timeout` (nginx's default 60 s): a client that starts a
    /// request head and does not finish it is closed (ngx_http_read_request_header).
    public var clientHeaderTimeout: TimeSpan
    /// The largest request or response body the proxy buffers (nginx's
    /// `client_max_body_size` answers 413 above its limit).
    public var maximumBodyBytes: Int

    /// The proxy of `configuration`, its upstream servers at `servers`.
    public init(
        configuration: EffectiveConfiguration, servers: [[SocketAddress]], listenAddress: SocketAddress = .loopback(),
        limits: HTTPLimits = HTTPLimits(), clientHeaderTimeout: TimeSpan = .seconds(60), maximumBodyBytes: Int = 64 << 20
    ) throws {
        plan = try NginxWorkerPlan(configuration)
        workers = configuration.workerProcesses
        accept = configuration.reuseport ? .reusePort : .sharedListener
        self.listenAddress = listenAddress
        self.servers = servers
        locationPaths = configuration.locations.map(\.path)
        upstreamRequestVersion = configuration.locations.map(\.proxyHTTPVersion)
        upstreamConnectionHeader = configuration.locations.map(\.connectionHeader.valueForPlainRequests)
        upstreamHost = configuration.locations.map { configuration.upstreams[$0.upstreamIndex].name }
        self.limits = limits
        self.clientHeaderTimeout = clientHeaderTimeout
        self.maximumBodyBytes = maximumBodyBytes
    }

    /// Why a configuration cannot run.
    public struct Invalid: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    public func validated() throws(Invalid) -> LiveProxyConfiguration {
        guard (1...64).contains(workers) else {
            throw Invalid(description: "worker_processes \(workers): the built-in proxy runs 1 to 64 worker threads")
        }
        guard servers.count == plan.upstreamCount else {
            throw Invalid(description: "\(servers.count) server address lists for \(plan.upstreamCount) upstream blocks")
        }
        for (u, list) in servers.enumerated() where list.count != plan.initialBalancers[u].servers.count {
            throw Invalid(description: "upstream \(u): \(list.count) addresses for \(plan.initialBalancers[u].servers.count) servers")
        }
        guard locationPaths.count == plan.locationCount else {
            throw Invalid(description: "\(locationPaths.count) location paths for \(plan.locationCount) locations")
        }
        guard clientHeaderTimeout > .zero, maximumBodyBytes >= 0 else {
            throw Invalid(description: "client_header_timeout must be > 0 and the body limit >= 0")
        }
        return self
    }
}
