/// An `upstream NAME { ... }` block as the user wrote it: every directive
/// optional, nil meaning "not written" (the version's default then applies,
/// see `NginxDefaults` and `NginxConfiguration.resolved()`).
public struct UpstreamBlock: Hashable, Sendable {
    /// `upstream NAME`; what `proxy_pass http://NAME` refers to.
    public var name: String
    /// The `server` lines, in order.
    public var servers: [UpstreamServer]
    /// The balancing directive as written: one of `BalancingMethod.acceptedNames`
    /// (`least_conn`, `hash`, `hash_consistent`, `ip_hash`, `round_robin`).
    /// Default: round robin.
    public var balancing: String?
    /// Classic nginx only (<= 1.29.6): true when `least_conn`/`hash`/`ip_hash`
    /// comes AFTER `keepalive` in the block. nginx then warns "load balancing
    /// method redefined" and the cache never runs.
    public var balancingDeclaredAfterKeepalive: Bool
    /// `keepalive N [local]`. Default: none up to 1.29.6, `keepalive 32 local` from 1.29.7.
    public var keepalive: UpstreamKeepaliveDirective?
    /// Upstream `keepalive_timeout`: how long a cached connection may stay idle. Default 60s (1.15.3+).
    public var keepaliveTimeout: TimeSpan?
    /// Upstream `keepalive_requests`: requests one connection may serve. Default 1000 (100 from 1.15.3 to 1.19.9).
    public var keepaliveRequests: Int?
    /// Upstream `keepalive_time`: a connection older than this is not cached again. Default 1h (1.19.10+).
    public var keepaliveTime: TimeSpan?
    /// `zone NAME [size]`: balancer state (fails, conns, weights) shared by all
    /// workers. Default: none, each worker keeps its own.
    public var zone: String?
    /// The KEY of `hash KEY [consistent]`, as written (`$request_uri`,
    /// `$remote_addr`: `HashKeyVariable`). Required with `hash`, refused otherwise.
    public var hashKey: String?

    public init(
        name: String, servers: [UpstreamServer], balancing: String? = nil,
        balancingDeclaredAfterKeepalive: Bool = false, keepalive: UpstreamKeepaliveDirective? = nil,
        keepaliveTimeout: TimeSpan? = nil, keepaliveRequests: Int? = nil, keepaliveTime: TimeSpan? = nil,
        zone: String? = nil, hashKey: String? = nil
    ) {
        self.name = name; self.servers = servers; self.balancing = balancing
        self.balancingDeclaredAfterKeepalive = balancingDeclaredAfterKeepalive
        self.keepalive = keepalive; self.keepaliveTimeout = keepaliveTimeout
        self.keepaliveRequests = keepaliveRequests; self.keepaliveTime = keepaliveTime
        self.zone = zone
        self.hashKey = hashKey
    }
}
