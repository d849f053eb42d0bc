/// Whether nginx gives an upstream block a keepalive cache at all.
public enum UpstreamCachePresence: Hashable, Sendable {
    /// Each worker has a cache built from these settings.
    case present(UpstreamKeepaliveSettings)
    /// No cache: every connection to this upstream is closed after its request.
    case absent(UpstreamReuseInactiveReason)

    /// The settings when a cache exists.
    public var settings: UpstreamKeepaliveSettings? {
        if case .present(let settings) = self { return settings }
        return nil
    }
}

/// An upstream with every default applied: an `upstream{}` block, or the
/// implicit upstream nginx makes for `proxy_pass` to a plain address.
public struct EffectiveUpstream: Hashable, Sendable {
    /// The block's name, or the address for an implicit upstream.
    public internal(set) var name: String
    /// True for `proxy_pass` to an address without `upstream{}`.
    public internal(set) var isImplicit: Bool
    /// The servers in configuration order (an implicit upstream has one, with nginx's defaults).
    public internal(set) var servers: [UpstreamServer]
    /// The balancing method in force (round robin unless written).
    public internal(set) var balancing: BalancingMethod
    /// `zone NAME`, if written: balancer state shared by all workers.
    public internal(set) var zone: String?
    /// What `hash KEY` hashes (nil unless the method is `hash`).
    public internal(set) var hashKey: HashKeyVariable?
    /// Whether each worker has a keepalive cache for this upstream, and with what settings.
    public internal(set) var cache: UpstreamCachePresence
    /// For each server, the index of the first server with the same address.
    /// nginx matches cached connections by socket address
    /// (`ngx_http_upstream_get_keepalive_peer` compares `sockaddr`), so two
    /// `server` lines with one address share cached connections: pass this,
    /// not the server index, to `UpstreamKeepaliveCache.take` and `release`.
    public internal(set) var addressKeys: [Int32]

    /// Without `zone`, fails, weights and conns are private to each worker.
    public var sharesBalancerStateAcrossWorkers: Bool { zone != nil }
}
