/// Why an upstream connection ended: the shared vocabulary of reports (closes
/// by reason), the keepalive cache, and the drivers. The raw value is a dense
/// index for counter arrays; `allCases` is the report order.
public enum UpstreamCloseReason: UInt8, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// nginx closed an idle cached connection after upstream `keepalive_timeout`.
    case proxyIdleTimeout
    /// nginx closed the least recently stored idle connection to make room in a full cache.
    case cacheEviction
    /// The connection served upstream `keepalive_requests` requests and was not cached again.
    case keepaliveRequestsReached
    /// The connection was older than upstream `keepalive_time` when released (checked only then).
    case keepaliveTimeExceeded
    /// The response was marked close: `Connection: close`, an HTTP/1.0 status
    /// line, a close-delimited body, or extra data after the body.
    case responseMarkedClose
    /// The response was `101 Switching Protocols`: the connection became a tunnel.
    case responseSwitchedProtocols
    /// The response ended before its body was fully read: client abort (499),
    /// an intercepted error page, an error mid-body.
    case responseFinishedEarly
    /// The request body was not fully sent.
    case requestBodyNotFullySent
    /// The attempt failed (error, timeout, invalid header, or an http_XXX passed to the next server).
    case failedAttempt
    /// The backend's FIN or RST had already been seen when the connection was
    /// released (eof or error on the connection), so it was not cached.
    case backendClosedAfterResponse
    /// The backend closed (FIN or RST) while the connection was idle in the cache;
    /// nginx's close handler removed it.
    case backendClosedWhileIdle
    /// The location does not reuse upstream connections (`UpstreamReuse.inactive`):
    /// closed after each request.
    case reuseInactive
    /// The worker is shutting down: nothing is cached, idle connections are closed.
    case workerExiting

    /// Stable snake_case name for reports, CSV columns and JSON.
    public var reportName: String {
        switch self {
        case .proxyIdleTimeout: return "proxy_idle_timeout"
        case .cacheEviction: return "cache_eviction"
        case .keepaliveRequestsReached: return "keepalive_requests"
        case .keepaliveTimeExceeded: return "keepalive_time"
        case .responseMarkedClose: return "response_marked_close"
        case .responseSwitchedProtocols: return "response_switched_protocols"
        case .responseFinishedEarly: return "response_finished_early"
        case .requestBodyNotFullySent: return "request_body_not_fully_sent"
        case .failedAttempt: return "failed_attempt"
        case .backendClosedAfterResponse: return "backend_closed_after_response"
        case .backendClosedWhileIdle: return "backend_closed_while_idle"
        case .reuseInactive: return "reuse_inactive"
        case .workerExiting: return "worker_exiting"
        }
    }

    public var description: String { reportName }

    /// The reason for closing a connection of a location whose reuse is
    /// inactive: `failedAttempt` when the attempt failed, else `reuseInactive`.
    @inlinable
    public static func withoutReuse(attemptFailed: Bool) -> UpstreamCloseReason {
        attemptFailed ? .failedAttempt : .reuseInactive
    }
}
