/// The facts of a resolved configuration an `NginxWorker` reads on every
/// request, flattened once into arrays of plain values (reading an
/// `EffectiveLocation` would copy strings and arrays). Shared by all workers
/// of one nginx; immutable.
public struct NginxWorkerPlan: Sendable {
    // Per location.
    @usableFromInline let upstreamOfLocation: [Int32]
    @usableFromInline let connectTimeout: [TimeSpan]
    @usableFromInline let readTimeout: [TimeSpan]
    @usableFromInline let retryPolicies: [NextUpstreamPolicy]
    /// `proxy_buffering off`: the upstream connection is released only once
    /// the response has gone to the client (nginx-semantics.md section 8.1).
    @usableFromInline let releaseAfterSendingToClient: [Bool]
    /// The request nginx sends upstream asks the backend to close: HTTP/1.0
    /// (`proxy_http_version 1.0`) or `Connection: close` (ngx_http_proxy_create_request).
    @usableFromInline let asksBackendToClose: [Bool]

    // Per upstream.
    /// Address keys of each upstream's servers (`EffectiveUpstream.addressKeys`).
    @usableFromInline let addressKeys: [[Int32]]
    /// What each upstream's balancer hashes (`hash`, `ip_hash`), if anything.
    @usableFromInline let balancingKeys: [BalancingKeySource]
    /// Upstreams whose balancer lives in a shared `zone`.
    @usableFromInline let zoned: [Bool]
    @usableFromInline let cacheSettings: [UpstreamKeepaliveSettings?]
    /// One balancer per upstream, as each worker starts with it (copied at fork).
    public let initialBalancers: [UpstreamBalancer]

    /// `worker_connections`.
    public let workerConnections: Int
    /// Client keepalive (`keepalive_timeout`, `keepalive_requests`, `keepalive_time`).
    public let client: ClientKeepalivePolicy
    /// HTTP/2 with clients (`http2 on`); nil when nginx does not offer it.
    public let http2: HTTP2Settings?

    public var upstreamCount: Int { zoned.count }
    public var locationCount: Int { upstreamOfLocation.count }

    public init(_ configuration: EffectiveConfiguration) throws(BalancerConfigurationError) {
        upstreamOfLocation = configuration.locations.map { Int32($0.upstreamIndex) }
        connectTimeout = configuration.locations.map(\.proxyConnectTimeout)
        readTimeout = configuration.locations.map(\.proxyReadTimeout)
        retryPolicies = configuration.locations.map { location in
            NextUpstreamPolicy(conditions: location.proxyNextUpstream, maxTries: location.proxyNextUpstreamTries,
                               timeout: location.proxyNextUpstreamTimeout, requestBuffering: location.proxyRequestBuffering,
                               rules: .init(version: configuration.version))
        }
        releaseAfterSendingToClient = configuration.locations.map { $0.releasePoint == .whenResponseSentToClient }
        asksBackendToClose = configuration.locations.map {
            $0.proxyHTTPVersion == .http10 || $0.connectionHeader.valueForPlainRequests == .close
        }
        addressKeys = configuration.upstreams.map(\.addressKeys)
        zoned = configuration.upstreams.map(\.sharesBalancerStateAcrossWorkers)
        balancingKeys = configuration.upstreams.map { BalancingKeySource(method: $0.balancing, hashKey: $0.hashKey) }
        cacheSettings = configuration.upstreams.map(\.cache.settings)
        var balancers: [UpstreamBalancer] = []
        for upstream in configuration.upstreams {
            balancers.append(try UpstreamBalancer(servers: upstream.servers, method: upstream.balancing))
        }
        initialBalancers = balancers
        workerConnections = configuration.workerConnections
        client = configuration.client
        http2 = configuration.http2
    }
}

/// Balancers of the upstreams that have a `zone`: one state (fails, conns,
/// weights) shared by every worker, as nginx's shared memory zone is. The
/// driver keeps one and lends it to each worker call (the live proxy under a
/// lock, as nginx takes the zone's mutex). Upstreams without a zone keep
/// their balancer inside each worker.
public struct SharedUpstreamZones: Sendable {
    @usableFromInline var balancers: [UpstreamBalancer]

    public init(plan: NginxWorkerPlan) { balancers = plan.initialBalancers }

    /// The shared balancer of upstream `u` (meaningful only when it has a zone).
    public func balancer(_ u: Int) -> UpstreamBalancer { balancers[u] }
}

/// Which request fact an upstream's balancer hashes.
@usableFromInline
enum BalancingKeySource: Sendable {
    /// Round robin, least_conn: nothing.
    case none
    /// `ip_hash`: the first three octets of the client's IPv4 address.
    case clientIPv4
    /// `hash $request_uri`.
    case requestURI
    /// `hash $remote_addr`: the client's address as text.
    case clientAddressText

    init(method: BalancingMethod, hashKey: HashKeyVariable?) {
        switch (method, hashKey) {
        case (.ipHash, _): self = .clientIPv4
        case (.hash, .requestURI?): self = .requestURI
        case (.hash, .remoteAddress?): self = .clientAddressText
        default: self = .none
        }
    }

    /// The key a request offers.
    @inlinable
    func key(of request: ProxiedRequest) -> BalancingKey {
        switch self {
        case .none: return .none
        case .clientIPv4: return .clientIPv4(request.clientAddress)
        case .requestURI: return .hash(request.uriKey)
        case .clientAddressText: return .hash(request.clientAddressKey)
        }
    }
}
