extension BalancingMethod {
    /// Whether `server ... backup` is allowed: round robin and `least_conn` set
    /// `NGX_HTTP_UPSTREAM_BACKUP` in the upstream's flags; `hash` and `ip_hash`
    /// do not, and ngx_http_upstream_server refuses the parameter.
    public var supportsBackup: Bool {
        switch self {
        case .roundRobin, .leastConn: return true
        case .hash, .ipHash: return false
        }
    }
}
