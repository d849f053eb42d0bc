/// What a request offers the balancer to hash on.
public enum BalancingKey: Hashable, Sendable {
    /// Nothing: round robin and least_conn need nothing; `hash` with an empty
    /// key falls back to round robin; `ip_hash` treats the client as non-IPv4
    /// (nginx's pseudo address, three zero bytes, as for unix sockets).
    case none
    /// The evaluated `hash KEY` of this request.
    case hash(HashKey)
    /// The client's IPv4 address, `a.b.c.d` as `a << 24 | b << 16 | c << 8 | d`.
    /// `ip_hash` uses the first three octets. (IPv6 clients, hashed on all 16
    /// bytes by nginx, are not modelled.)
    case clientIPv4(UInt32)
}
