/// How an upstream block picks a server (nginx-semantics.md section 4).
public enum BalancingMethod: Hashable, Sendable {
    /// The default: smooth weighted round robin (ngx_http_upstream_round_robin.c).
    case roundRobin
    /// `least_conn` (ngx_http_upstream_least_conn_module.c).
    case leastConn
    /// `hash KEY [consistent]` (ngx_http_upstream_hash_module.c).
    case hash(consistent: Bool)
    /// `ip_hash`: the first three octets of the client's IPv4 address.
    case ipHash

    /// The directive as written in nginx.conf (`""` for the implicit round robin).
    public var directiveName: String {
        switch self {
        case .roundRobin: return ""
        case .leastConn: return "least_conn"
        case .hash(let consistent): return consistent ? "hash consistent" : "hash"
        case .ipHash: return "ip_hash"
        }
    }

    /// Names accepted by model files and `nginx import`, in the order printed in errors.
    public static let acceptedNames = ["round_robin", "least_conn", "hash", "hash_consistent", "ip_hash"]

    /// Reads one of `acceptedNames`; nil otherwise.
    public init?(name: String) {
        switch name {
        case "round_robin": self = .roundRobin
        case "least_conn": self = .leastConn
        case "hash": self = .hash(consistent: false)
        case "hash_consistent": self = .hash(consistent: true)
        case "ip_hash": self = .ipHash
        default: return nil
        }
    }
}
