/// How a backend ends a connection at the TCP level.
public enum BackendCloseStyle: Hashable, Sendable {
    /// An orderly close: FIN; TIME_WAIT on the backend, which closed first.
    case fin
    /// An abortive close: RST (e.g. `SO_LINGER {1, 0}`, or unread bytes in the
    /// receive buffer); the peer's next read fails with ECONNRESET, no TIME_WAIT.
    case rst
}

/// Why a backend ends a connection: the backend's own view, for reports
/// ("backend idle close", "backend max requests"). The raw value is a dense
/// index for counter arrays.
public enum BackendCloseReason: UInt8, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// The connection sat idle past the server's keep-alive timeout.
    case idleTimeout
    /// The connection served the server's maximum requests per connection.
    case maxRequestsReached
    /// The server never keeps connections (gunicorn's sync worker).
    case alwaysCloses
    /// Load-dependent early close (Puma 6 when saturated, Apache event MPM under load).
    case underLoad

    /// Stable snake_case name for reports.
    public var reportName: String {
        switch self {
        case .idleTimeout: return "backend_idle_timeout"
        case .maxRequestsReached: return "backend_max_requests"
        case .alwaysCloses: return "backend_always_closes"
        case .underLoad: return "backend_under_load"
        }
    }

    public var description: String { reportName }
}
