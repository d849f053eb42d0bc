/// Why nginx answered a request itself, or why an attempt failed: the lines
/// nginx's error log would show. The report breaks errors down by these
/// (`requests.error_causes`). The raw value is a dense index for counter
/// arrays; `allCases` is the report order.
public enum NginxErrorCause: Int, CaseIterable, Hashable, Sendable {
    /// Every eligible server was tried or is down or failed-out:
    /// "no live upstreams while connecting to upstream" (FT_NOLIVE, 502).
    case noLiveUpstreams
    /// `connect()` failed for want of a local port: "(99: Cannot assign
    /// requested address) while connecting to upstream" (FT_ERROR, 502).
    case connectFailedNoLocalPort
    /// `proxy_connect_timeout` expired: "upstream timed out (110: Connection
    /// timed out) while connecting to upstream" (FT_TIMEOUT, 504).
    case connectTimeout
    /// A connection taken from the keepalive cache was already closed by the
    /// backend: "upstream prematurely closed connection while reading response
    /// header" or "recv() failed (104: Connection reset by peer)" (FT_ERROR, 502)
    /// — the stale-connection race.
    case upstreamClosedStale
    /// A new connection was closed or reset by the backend before the response
    /// header (FT_ERROR, 502).
    case upstreamClosed
    /// `proxy_read_timeout` expired waiting for the response header:
    /// "upstream timed out (110) while reading response header" (FT_TIMEOUT, 504).
    case readTimeout
    /// A new upstream connection needed a slot and the worker had none:
    /// "worker_connections are not enough" (500, not retried).
    case noWorkerConnectionSlot
    /// The backend answered a status `proxy_next_upstream` names (http_500,
    /// http_502, ...); nginx passed the request on and, when it gave up,
    /// answered with that status itself.
    case upstreamErrorStatus
    /// The kernel gave up connecting: every SYN was dropped (the backend's
    /// accept queue stayed full) until `tcp_syn_retries` ran out: "connect()
    /// failed (110: Connection timed out) while connecting to upstream"
    /// (FT_ERROR, 502). Only when `proxy_connect_timeout` is longer than the
    /// kernel's 127 s.
    case connectFailedTimedOut

    /// Stable snake_case name for reports, CSV columns and JSON.
    public var reportName: String {
        switch self {
        case .noLiveUpstreams: return "no_live_upstreams"
        case .connectFailedNoLocalPort: return "connect_failed_no_local_port"
        case .connectTimeout: return "connect_timeout"
        case .upstreamClosedStale: return "upstream_closed_stale"
        case .upstreamClosed: return "upstream_closed"
        case .readTimeout: return "read_timeout"
        case .noWorkerConnectionSlot: return "no_worker_connection_slot"
        case .upstreamErrorStatus: return "upstream_error_status"
        case .connectFailedTimedOut: return "connect_failed_timed_out"
        }
    }

    /// True for a failure on a connection the backend had closed while it was
    /// idle in the cache (counted as stale-connection failures).
    @inlinable public var isStaleConnection: Bool { self == .upstreamClosedStale }
}
