/// Why nginx closed a client connection: the report's vocabulary (closes by
/// reason). Finer reasons (`ClientKeepaliveCloseReason`) fold into these.
/// The raw value is a dense index for counter arrays; `allCases` is the report order.
public enum ClientCloseCause: Int, CaseIterable, Hashable, Sendable {
    /// Idle for `keepalive_timeout`, or drained early under slot pressure (ngx_drain_connections).
    case idleTimeout
    /// `keepalive_requests` reached.
    case keepaliveRequests
    /// Older than `keepalive_time`.
    case keepaliveTime
    /// The client asked: `Connection: close`, or HTTP/1.0 without keep-alive.
    case clientAskedClose
    /// `keepalive_timeout 0`.
    case keepaliveOff
    /// nginx answered with a status that ends keepalive (500, 400, ...).
    case errorResponse
    /// No `worker_connections` slot at accept: closed at once.
    case noWorkerSlot

    /// Stable snake_case name for reports.
    public var reportName: String {
        switch self {
        case .idleTimeout: return "idle_timeout"
        case .keepaliveRequests: return "keepalive_requests"
        case .keepaliveTime: return "keepalive_time"
        case .clientAskedClose: return "client_connection_close"
        case .keepaliveOff: return "keepalive_off"
        case .errorResponse: return "error_response"
        case .noWorkerSlot: return "no_worker_connection_slot"
        }
    }

    @inlinable
    public init(_ reason: ClientKeepaliveCloseReason) {
        switch reason {
        case .clientSentConnectionClose, .http10WithoutKeepAlive: self = .clientAskedClose
        case .keepaliveTimeoutZero: self = .keepaliveOff
        case .keepaliveRequestsReached: self = .keepaliveRequests
        case .keepaliveTimeExceeded: self = .keepaliveTime
        case .errorResponse: self = .errorResponse
        case .idleTimeout: self = .idleTimeout
        }
    }
}
