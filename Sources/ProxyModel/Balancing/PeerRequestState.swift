/// What the balancer remembers about one request across its attempts
/// (nginx's per-request `ngx_http_upstream_rr_peer_data_t`, plus the hash
/// modules' cursors). Create it with `UpstreamBalancer.beginRequest(key:)`
/// and pass it to every `select` of that request.
public struct PeerRequestState: Hashable, Sendable {
    /// Servers already given to this request.
    public var tried: TriedServers
    /// True once no primary server qualified and the request moved to the
    /// backup servers (`rrp->peers = peers->next`): it stays there.
    public var usingBackups: Bool
    /// The `hash` key, or `.empty`.
    @usableFromInline var hashKey: HashKey
    /// The client's IPv4 address for `ip_hash` (0 for a non-IPv4 client:
    /// its first three octets are then nginx's pseudo address, three zeros).
    @usableFromInline var clientAddress: UInt32
    /// Unusable picks so far (`hp->tries`, `iphp->tries`): above 20 the hash
    /// balancers fall back to round robin for the rest of the request.
    public var hashTries: Int
    /// `hp->rehash`: how many times the plain hash has hashed the key.
    @usableFromInline var rehash: UInt64
    /// `hp->hash` / `iphp->hash`: the running hash (plain hash, ip_hash) or
    /// the current ring point (consistent hash).
    @usableFromInline var hashCursor: UInt64

    @usableFromInline
    init(serverCount: Int) {
        tried = TriedServers(serverCount: serverCount)
        usingBackups = false
        hashKey = .empty
        clientAddress = 0
        hashTries = 0
        rehash = 0
        hashCursor = 0
    }
}
