/// A configuration with every default of its nginx version applied and the
/// derived facts computed once: what the simulator and the live proxy run.
/// Built by `NginxConfiguration.resolved()`.
public struct EffectiveConfiguration: Hashable, Sendable {
    /// The modelled nginx version.
    public internal(set) var version: NginxVersion
    /// `worker_processes`.
    public internal(set) var workerProcesses: Int
    /// `worker_connections`: per worker, counts listeners, client connections,
    /// active and cached upstream connections.
    public internal(set) var workerConnections: Int
    /// `accept_mutex`.
    public internal(set) var acceptMutex: Bool
    /// `accept_mutex_delay`.
    public internal(set) var acceptMutexDelay: TimeSpan
    /// `multi_accept`.
    public internal(set) var multiAccept: Bool
    /// `listen ... reuseport`.
    public internal(set) var reuseport: Bool
    /// Client-side keepalive (`keepalive_timeout`, `keepalive_requests`, `keepalive_time`, `keepalive_min_timeout`).
    public internal(set) var client: ClientKeepalivePolicy
    /// HTTP/2 with clients (`http2 on`); nil when nginx does not offer it.
    public internal(set) var http2: HTTP2Settings?
    /// The upstreams: the `upstream{}` blocks in order, then one implicit upstream
    /// per distinct `proxy_pass` address.
    public internal(set) var upstreams: [EffectiveUpstream]
    /// The locations, in the written order (their index is the location index
    /// `UpstreamKeepaliveCache` uses for `local`).
    public internal(set) var locations: [EffectiveLocation]
    /// Every default that applied, in configuration order.
    public internal(set) var appliedDefaults: [AppliedDefault]
    /// What nginx accepts but probably was not meant (reuse inactive, ...).
    public internal(set) var warnings: [ConfigurationWarning]
}
