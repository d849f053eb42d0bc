/// One `server` line of an `upstream {}` block, with nginx's parameter
/// names and defaults (ngx_http_upstream_server in ngx_http_upstream.c):
/// `weight=1 max_fails=1 fail_timeout=10 max_conns=0`, not `backup`, not `down`.
public struct UpstreamServer: Hashable, Sendable {
    /// The address as written (`10.0.0.1:8080`, `app-1:3000`); also the key
    /// the keepalive cache matches cached connections by.
    public var address: String
    /// `weight=N`, N >= 1.
    public var weight: Int
    /// `max_fails=N`, N >= 0; 0 disables failure accounting.
    public var maxFails: Int
    /// `fail_timeout=T`: the quiet period after the last failure (whole seconds in nginx).
    public var failTimeout: TimeSpan
    /// `max_conns=N`, 0 = unlimited. Per worker unless the upstream has a `zone`.
    public var maxConns: Int
    /// `backup`: used only when no primary server is usable.
    public var isBackup: Bool
    /// `down`: never selected.
    public var isDown: Bool

    public init(
        address: String, weight: Int = 1, maxFails: Int = 1, failTimeout: TimeSpan = .seconds(10),
        maxConns: Int = 0, isBackup: Bool = false, isDown: Bool = false
    ) {
        self.address = address; self.weight = weight; self.maxFails = maxFails
        self.failTimeout = failTimeout; self.maxConns = maxConns
        self.isBackup = isBackup; self.isDown = isDown
    }
}

extension UpstreamServer {
    /// For each server, the index of the first server with the same address
    /// (its own index when it is the first): the key under which nginx's
    /// cache and balancer treat servers of one address as one peer. Linear
    /// time: a search per server made 20,000 addresses take seconds.
    /// (The dictionary only answers lookups; its order reaches nothing.)
    public static func firstIndexOfEachAddress(_ servers: [UpstreamServer]) -> [Int] {
        var firstIndex: [String: Int] = [:]
        firstIndex.reserveCapacity(servers.count)
        return servers.indices.map { index in
            if let first = firstIndex[servers[index].address] { return first }
            firstIndex[servers[index].address] = index
            return index
        }
    }
}
