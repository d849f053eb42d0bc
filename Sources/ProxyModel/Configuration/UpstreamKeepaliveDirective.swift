/// `keepalive N [local];` in an `upstream{}` block
/// (ngx_http_upstream_keepalive in ngx_http_upstream_keepalive_module.c).
public struct UpstreamKeepaliveDirective: Hashable, Sendable, CustomStringConvertible {
    /// `N`: the most idle connections this block's cache keeps per worker,
    /// shared by all its servers. 0 turns the default cache off (1.29.7+ only).
    public var connections: Int
    /// `local` (1.29.7+): a cached connection is reused only by the location
    /// that stored it. The modern default is `keepalive 32 local`; an explicit
    /// `keepalive N` without `local` is NOT local.
    public var local: Bool

    public init(connections: Int, local: Bool = false) {
        self.connections = connections
        self.local = local
    }

    /// The directive's arguments: `32 local`, `16`.
    public var arguments: String { "\(connections)\(local ? " local" : "")" }

    public var description: String { "keepalive \(arguments)" }
}
