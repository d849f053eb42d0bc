/// Why a backend's end of an upstream connection closed: the report's
/// vocabulary (closes by reason, per backend). The backend's own reasons
/// (`BackendCloseReason`) plus the two where the backend only follows: the
/// request asked it to close, or nginx closed first. The raw value is a
/// dense index for counter arrays; `allCases` is the report order.
public enum BackendSideCloseReason: Int, CaseIterable, Hashable, Sendable {
    case idleTimeout, maxRequests, alwaysCloses, underLoad, askedToClose, proxyClosedFirst

    /// Stable snake_case name for reports.
    public var reportName: String {
        switch self {
        case .idleTimeout: return "backend_idle_timeout"
        case .maxRequests: return "backend_max_requests"
        case .alwaysCloses: return "backend_always_closes"
        case .underLoad: return "backend_under_load"
        case .askedToClose: return "request_asked_close"
        case .proxyClosedFirst: return "proxy_closed_first"
        }
    }

    public init(_ reason: BackendCloseReason) {
        switch reason {
        case .idleTimeout: self = .idleTimeout
        case .maxRequestsReached: self = .maxRequests
        case .alwaysCloses: self = .alwaysCloses
        case .underLoad: self = .underLoad
        }
    }
}
