/// What happened to a request's current upstream attempt; the input of
/// `NextUpstreamState.handle(_:now:)`.
public enum NextUpstreamEvent: Hashable, Sendable {
    /// The attempt failed before a response header was accepted.
    case attemptFailed(UpstreamFailure, on: UpstreamConnectionUse)
    /// A response header with this status arrived. Statuses that
    /// `proxy_next_upstream` can name (500, 502, 503, 504, 403, 404, 429)
    /// may be retried; every other status passes through.
    case responseHeader(status: Int)
    /// The balancer found no server to try (`select` returned nil):
    /// nginx's "no live upstreams" (`NGX_HTTP_UPSTREAM_FT_NOLIVE`).
    case noLiveUpstreams
    /// A new upstream connection was needed but the worker had no free
    /// `worker_connections` slot ("worker_connections are not enough").
    case noWorkerConnectionSlot
}
