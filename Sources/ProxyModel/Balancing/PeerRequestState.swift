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
    /// The three octets `ip_hash` mixes in (zeros for a non-IPv4 client).
    @usableFromInline var addressOctets: (UInt8, UInt8, UInt8)
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
        addressOctets = (0, 0, 0)
        hashTries = 0
        rehash = 0
        hashCursor = 0
    }

    public static func == (a: PeerRequestState, b: PeerRequestState) -> Bool {
        a.tried == b.tried && a.usingBackups == b.usingBackups && a.hashKey == b.hashKey
            && a.addressOctets == b.addressOctets && a.hashTries == b.hashTries && a.rehash == b.rehash
            && a.hashCursor == b.hashCursor
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(tried)
        hasher.combine(hashCursor)
        hasher.combine(hashTries)
    }
}
