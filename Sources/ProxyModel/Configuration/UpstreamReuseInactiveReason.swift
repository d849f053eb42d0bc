/// Why a location's requests never reuse an upstream connection: each proxied
/// request then opens a connection and closes it afterwards.
public enum UpstreamReuseInactiveReason: Hashable, Sendable, CustomStringConvertible {
    /// `proxy_pass` to an address without `upstream{}`: implicit upstreams never
    /// get a cache (ngx_http_upstream_keepalive_init_main_conf skips them).
    case implicitUpstream
    /// Classic nginx (<= 1.29.6) and no `keepalive N` in the block.
    case noKeepaliveDirective
    /// `keepalive 0` (1.29.7+): the default cache turned off.
    case keepaliveZero
    /// Classic nginx: this balancing directive follows `keepalive`, replacing the
    /// cache's hook (nginx only warns "load balancing method redefined").
    case balancerDeclaredAfterKeepalive(BalancingMethod)
    /// Upstream `keepalive_requests` 0 or 1: a connection has served that many
    /// requests by the time it is released, so it is never cached.
    case keepaliveRequestsAtMostOne(Int)
    /// Upstream `keepalive_timeout 0`: a stored connection expires at once.
    case keepaliveTimeoutZero
    /// `proxy_http_version 1.0`: the backend closes after each response, and an
    /// HTTP/1.0 status line marks the response close.
    case http10Upstream
    /// `Connection: close` is sent upstream, so the backend closes after its response.
    /// `viaUpgradeMap`: it comes from a `$connection_upgrade` map defaulting to close.
    case connectionCloseSent(viaUpgradeMap: Bool)

    /// What is wrong, for `upstream keepalive is inactive: <description>`.
    public var description: String {
        switch self {
        case .implicitUpstream:
            return "proxy_pass goes to an address without an upstream{} block (implicit upstreams never cache connections)"
        case .noKeepaliveDirective:
            return "the upstream block has no keepalive directive (before nginx 1.29.7 there is no cache without one)"
        case .keepaliveZero:
            return "keepalive 0 turns the upstream cache off"
        case .balancerDeclaredAfterKeepalive(let method):
            return "\(method.directiveName) is declared after keepalive in the upstream block, which silently replaces the cache (before nginx 1.29.7)"
        case .keepaliveRequestsAtMostOne(let n):
            return "keepalive_requests \(n) in the upstream block lets no connection be cached after its first request"
        case .keepaliveTimeoutZero:
            return "keepalive_timeout 0 in the upstream block closes cached connections at once"
        case .http10Upstream:
            return "proxy_http_version is 1.0"
        case .connectionCloseSent(let viaUpgradeMap):
            return viaUpgradeMap
                ? "the $connection_upgrade map sends Connection: close for ordinary requests"
                : "Connection: close is sent upstream"
        }
    }

    /// What to write instead.
    public var remedy: String {
        switch self {
        case .implicitUpstream: return "define an upstream{} block and proxy_pass to its name"
        case .noKeepaliveDirective: return "add keepalive N to the upstream block"
        case .keepaliveZero: return "remove keepalive 0 or set keepalive N with N >= 1"
        case .balancerDeclaredAfterKeepalive: return "move the balancing directive above keepalive"
        case .keepaliveRequestsAtMostOne: return "raise keepalive_requests (default 1000)"
        case .keepaliveTimeoutZero: return "set keepalive_timeout above 0 (default 60s)"
        case .http10Upstream: return "set proxy_http_version 1.1"
        case .connectionCloseSent(let viaUpgradeMap):
            return viaUpgradeMap
                ? "map '' to \"\" instead of close in the $connection_upgrade map"
                : "set proxy_set_header Connection \"\""
        }
    }

    /// Stable snake_case name for reports and JSON.
    public var reportName: String {
        switch self {
        case .implicitUpstream: return "implicit_upstream"
        case .noKeepaliveDirective: return "no_keepalive_directive"
        case .keepaliveZero: return "keepalive_zero"
        case .balancerDeclaredAfterKeepalive: return "balancer_after_keepalive"
        case .keepaliveRequestsAtMostOne: return "keepalive_requests_at_most_one"
        case .keepaliveTimeoutZero: return "keepalive_timeout_zero"
        case .http10Upstream: return "proxy_http_version_1_0"
        case .connectionCloseSent: return "connection_close_sent"
        }
    }
}
