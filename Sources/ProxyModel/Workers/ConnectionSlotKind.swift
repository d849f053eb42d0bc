/// What occupies one of a worker's `worker_connections` slots
/// (every `ngx_connection_t` taken by `ngx_get_connection`).
public enum ConnectionSlotKind: Int, CaseIterable, Hashable, Sendable {
    /// A listening socket (one per `listen` in each worker).
    case listener
    /// A client connection with a request in progress.
    case activeClient
    /// A client connection nginx may close under slot pressure
    /// (`ngx_reusable_connection(c, 1)`): idle between keepalive requests,
    /// waiting for its first request, or in lingering close.
    case reusableClient
    /// An upstream connection in use by a request.
    case activeUpstream
    /// An idle upstream connection in the keepalive cache. Counts toward
    /// the budget but is never drained as "reusable".
    case idleUpstream
}
