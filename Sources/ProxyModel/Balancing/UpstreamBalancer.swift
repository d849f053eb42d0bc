/// Peer selection and failure accounting for one `upstream {}` block in one
/// worker (ngx_http_upstream_round_robin.c and the least_conn, hash and
/// ip_hash modules). Without `zone`, every worker holds its own balancer:
/// weights, `fails`, `checked` and `conns` are private to the worker.
///
/// Servers are identified by their position in the `servers` array given at
/// creation (config order, primaries and backups as written).
///
/// Per request: `beginRequest(key:)`, then `select(now:request:)` for each
/// attempt, and `release(server:outcome:now:)` once per successful
/// `select`, with the outcome `NextUpstreamState` decided. Neither allocates
/// (for more than 64 servers, reuse a `PeerRequestState` with
/// `restartRequest(_:key:)`).
public struct UpstreamBalancer: Sendable {
    /// The servers, as configured.
    public let servers: [UpstreamServer]
    public let method: BalancingMethod
    @usableFromInline let settings: [PeerSettings]
    @usableFromInline var peers: [PeerState]
    /// Primary servers' indices in config order (nginx's `peers` list).
    @usableFromInline let primaries: [Int]
    /// Backup servers' indices in config order (`peers->next`).
    @usableFromInline let backups: [Int]
    /// Sum of the primaries' weights, `down` ones included (`total_weight`):
    /// the hash balancers map a hash onto this range.
    @usableFromInline let primaryTotalWeight: Int
    /// For each server, the index of the first server with the same address:
    /// consistent hash matches points to servers by name.
    @usableFromInline let nameGroups: [Int]
    @usableFromInline let ring: ConsistentHashRing

    /// nginx's `peers->single`: exactly one primary and no backup. Such a
    /// server ignores `max_fails`/`fail_timeout` and is never unavailable
    /// (unless `down` or at `max_conns`).
    public let isSingleServer: Bool
    /// Attempts a request may make before `proxy_next_upstream_tries` is
    /// applied: non-down primaries + non-down backups (`ngx_http_upstream_tries`).
    public let initialTries: Int

    /// Builds a balancer; throws when nginx would refuse the upstream block
    /// or a parameter is out of range.
    public init(servers: [UpstreamServer], method: BalancingMethod = .roundRobin) throws(BalancerConfigurationError) {
        for (i, server) in servers.enumerated() {
            func fail(_ problem: String) -> BalancerConfigurationError {
                BalancerConfigurationError(serverIndex: i, address: server.address, problem: problem)
            }
            if server.weight < 1 { throw fail("weight=\(server.weight) is invalid; weight must be 1 or more") }
            if server.maxFails < 0 { throw fail("max_fails=\(server.maxFails) is invalid; it must be 0 (off) or more") }
            if server.maxConns < 0 { throw fail("max_conns=\(server.maxConns) is invalid; it must be 0 (unlimited) or more") }
            if server.failTimeout.nanoseconds < 0 { throw fail("fail_timeout=\(server.failTimeout) is invalid; it must not be negative") }
            if server.isBackup, method != .roundRobin, method != .leastConn {
                throw fail("\"backup\" is not allowed with \"\(method.directiveName)\"; only round robin and least_conn have backup servers")
            }
        }
        let primaries = servers.indices.filter { !servers[$0].isBackup }
        if primaries.isEmpty {
            throw BalancerConfigurationError(
                serverIndex: nil, address: nil,
                problem: servers.isEmpty ? "no servers in upstream; add at least one server"
                    : "no servers in upstream (all are backup); at least one server must not be backup")
        }
        self.servers = servers
        self.method = method
        settings = servers.map(PeerSettings.init)
        peers = servers.map { PeerState(weight: $0.weight) }
        self.primaries = primaries
        backups = servers.indices.filter { servers[$0].isBackup }
        primaryTotalWeight = primaries.reduce(0) { $0 + servers[$1].weight }
        nameGroups = UpstreamServer.firstIndexOfEachAddress(servers)
        isSingleServer = primaries.count == 1 && backups.isEmpty
        initialTries = servers.filter { !$0.isDown }.count
        ring = method == .hash(consistent: true)
            ? ConsistentHashRing(servers: servers, primaries: primaries, nameGroups: nameGroups) : .empty
    }

    /// A snapshot of one server's state.
    public func peerState(_ server: Int) -> PeerState { peers[server] }

    /// True while the server is failed-out in this worker: `max_fails`
    /// reached and the quiet period `fail_timeout` not yet over.
    @inlinable
    public func isTemporarilyDisabled(_ server: Int, now: Instant) -> Bool {
        !isSingleServer && isFailedOut(server, second: now.wholeSeconds)
    }

    /// Fresh per-request state (`init_peer`: tried set, hash cursors).
    public func beginRequest(key: BalancingKey = .none) -> PeerRequestState {
        var state = PeerRequestState(serverCount: servers.count)
        restartRequest(&state, key: key)
        return state
    }

    /// Makes `state` a fresh per-request state for this balancer, reusing its
    /// storage when it is large enough (no allocation): a simulator keeps one
    /// per request slot. It selects exactly as `beginRequest(key:)`'s state
    /// would (its tried set may keep room for more servers).
    ///
    /// `mutating` although it changes nothing in the balancer: called on a
    /// balancer in an array, a non-mutating call made the caller copy the
    /// whole balancer (retaining its arrays) on every request.
    @inlinable
    public mutating func beginRequest(reusing state: inout PeerRequestState, key: BalancingKey = .none) {
        if state.tried.capacity >= servers.count {
            restartRequest(&state, key: key)
        } else {
            state = beginRequest(key: key)
        }
    }

    /// Resets `state` for a new request, keeping its storage (no allocation).
    @inlinable
    public func restartRequest(_ state: inout PeerRequestState, key: BalancingKey = .none) {
        state.tried.removeAll()
        state.usingBackups = false
        state.hashTries = 0
        state.rehash = 0
        state.hashKey = .empty
        state.clientAddress = 0
        switch method {
        case .ipHash:
            state.hashCursor = 89  // ngx_http_upstream_init_ip_hash_peer
            if case .clientIPv4(let address) = key { state.clientAddress = address }
        case .hash(let consistent):
            state.hashCursor = 0
            if case .hash(let hashKey) = key { state.hashKey = hashKey }
            // ngx_http_upstream_init_chash_peer: start at the first point >= crc32(key).
            if consistent, ring.count > 0 { state.hashCursor = UInt64(ring.firstPoint(atOrAfter: state.hashKey.crc32)) }
        case .roundRobin, .leastConn:
            state.hashCursor = 0
        }
    }

    /// Picks a server for the next attempt of a request; nil means "no live
    /// upstreams" (every usable server tried, failed-out, down or at
    /// max_conns, backups included): the request then gets 502.
    /// Increments the chosen server's `conns`; pair it with one `release`.
    @inlinable
    public mutating func select(now: Instant, request: inout PeerRequestState) -> Int? {
        let second = now.wholeSeconds
        switch method {
        case .roundRobin: return selectRoundRobin(second: second, request: &request)
        case .leastConn: return selectLeastConn(second: second, request: &request)
        case .hash(let consistent):
            return consistent ? selectConsistentHash(second: second, request: &request)
                : selectHash(second: second, request: &request)
        case .ipHash: return selectIPHash(second: second, request: &request)
        }
    }
}
