/// The resolved keepalive settings of one `upstream{}` block that has a cache:
/// what each worker's `UpstreamKeepaliveCache` for the block is built from.
public struct UpstreamKeepaliveSettings: Hashable, Sendable {
    /// `keepalive N`: idle-connection slots per worker, shared by all servers of the block.
    public var capacity: Int
    /// `keepalive N local`: a cached connection is reused only by the location that stored it.
    public var local: Bool
    /// Upstream `keepalive_timeout`: idle time before nginx closes a cached connection;
    /// nil before 1.15.3 (no idle timer: only the backend closes it).
    public var keepaliveTimeout: TimeSpan?
    /// Upstream `keepalive_requests`: requests one connection serves before it is
    /// not cached again; nil before 1.15.3 (no limit).
    public var keepaliveRequests: Int?
    /// Upstream `keepalive_time`: a connection older than this at release is not
    /// cached again; nil before 1.19.10 (no limit).
    public var keepaliveTime: TimeSpan?

    /// Every value explicit: the defaults live in `NginxDefaults`, and a resolved
    /// configuration's `EffectiveUpstream.cache` carries ready-made settings.
    public init(
        capacity: Int, local: Bool, keepaliveTimeout: TimeSpan?, keepaliveRequests: Int?, keepaliveTime: TimeSpan?
    ) {
        self.capacity = capacity; self.local = local; self.keepaliveTimeout = keepaliveTimeout
        self.keepaliveRequests = keepaliveRequests; self.keepaliveTime = keepaliveTime
    }
}
