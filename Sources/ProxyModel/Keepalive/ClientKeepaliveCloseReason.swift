/// Why nginx ends a client connection instead of keeping it alive.
public enum ClientKeepaliveCloseReason: Hashable, Sendable, CustomStringConvertible {
    /// The request said `Connection: close`.
    case clientSentConnectionClose
    /// An HTTP/1.0 request without `Connection: keep-alive`.
    case http10WithoutKeepAlive
    /// `keepalive_timeout 0` turns client keepalive off.
    case keepaliveTimeoutZero
    /// This request reached `keepalive_requests` (the counter includes it): its
    /// response carries `Connection: close`.
    case keepaliveRequestsReached
    /// The connection was older than `keepalive_time` when this request started.
    case keepaliveTimeExceeded
    /// nginx itself answered with a status that clears keepalive (400, 413, 414,
    /// 495, 496, 497, 500, 501: ngx_http_special_response_handler). A 502 or 504
    /// for a failed upstream keeps the connection.
    case errorResponse(status: Int)
    /// The connection sat idle for `keepalive_timeout`; reported by the driver
    /// when `ClientKeepalivePolicy.idleDeadline` passes without a new request.
    case idleTimeout

    /// Stable snake_case name for reports.
    public var reportName: String {
        switch self {
        case .clientSentConnectionClose: return "client_connection_close"
        case .http10WithoutKeepAlive: return "http10_without_keepalive"
        case .keepaliveTimeoutZero: return "keepalive_timeout_zero"
        case .keepaliveRequestsReached: return "keepalive_requests"
        case .keepaliveTimeExceeded: return "keepalive_time"
        case .errorResponse: return "error_response"
        case .idleTimeout: return "idle_timeout"
        }
    }

    public var description: String {
        switch self {
        case .clientSentConnectionClose: return "the client sent Connection: close"
        case .http10WithoutKeepAlive: return "HTTP/1.0 request without Connection: keep-alive"
        case .keepaliveTimeoutZero: return "keepalive_timeout is 0"
        case .keepaliveRequestsReached: return "keepalive_requests reached: this response carries Connection: close"
        case .keepaliveTimeExceeded: return "the connection is older than keepalive_time"
        case .errorResponse(let status): return "nginx answered \(status), which ends keepalive"
        case .idleTimeout: return "idle for keepalive_timeout"
        }
    }
}
