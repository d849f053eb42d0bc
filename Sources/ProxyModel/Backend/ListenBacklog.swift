/// The backlog a server passes to `listen(2)`: how many connections whose
/// handshake is complete the kernel holds until the server accepts them.
/// When that accept queue is full, Linux drops an arriving SYN
/// (net/ipv4/tcp_input.c `tcp_conn_request`: `sk_acceptq_is_full`, counted
/// as ListenOverflows) and the client retransmits it after 1 s, 2 s, 4 s...
public enum ListenBacklog: Hashable, Sendable {
    /// `listen(fd, n)`.
    case connections(Int)
    /// The server asks for `net.core.somaxconn` itself (Go's net package reads
    /// /proc/sys/net/core/somaxconn; Envoy's default `tcp_backlog_size`).
    case somaxconn

    /// nginx's `listen ... backlog=` default on Linux (src/os/unix/ngx_linux_config.h: NGX_LISTEN_BACKLOG 511).
    public static let nginxDefault = ListenBacklog.connections(511)

    /// Connections the accept queue holds. The kernel caps the backlog at
    /// `somaxconn` (net/socket.c `__sys_listen`), and the queue counts as full
    /// only once it holds more than that (include/net/sock.h
    /// `sk_acceptq_is_full`: `sk_ack_backlog > sk_max_ack_backlog`), so it
    /// holds one more connection than the backlog.
    @inlinable
    public func acceptQueueCapacity(somaxconn: Int) -> Int {
        let limit = max(0, somaxconn)
        switch self {
        case .connections(let n): return min(max(0, n), limit) + 1
        case .somaxconn: return limit + 1
        }
    }
}
