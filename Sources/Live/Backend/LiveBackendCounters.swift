import ProxyModel

/// What an emulated backend counts: connections accepted, requests and
/// responses, and every close by side and reason.
public struct LiveBackendCounters: Hashable, Sendable {
    public var acceptedConnections = 0
    public var openConnections = 0
    public var peakOpenConnections = 0
    public var requests = 0
    /// Responses by status: 200 and the error-rate 500s.
    public var okResponses = 0
    public var errorResponses = 0
    /// Invalid requests answered with 400 (or 501/505) and a close.
    public var badRequests = 0
    /// Closes the backend decided, indexed by `BackendCloseReason.rawValue`.
    public var backendCloses = [Int](repeating: 0, count: BackendCloseReason.allCases.count)
    /// The backend closed after answering a request that asked for the close
    /// (`Connection: close`, or HTTP/1.0 without keep-alive).
    public var closesRequestedByClient = 0
    /// The client closed (FIN) first.
    public var clientCloses = 0
    /// The client reset the connection.
    public var resetsReceived = 0
    /// Closes with RST (SO_LINGER 0) the backend sent.
    public var resetsSent = 0
    /// accept4 failures (EMFILE...).
    public var acceptFailures = 0

    public init() {}

    public func closes(_ reason: BackendCloseReason) -> Int { backendCloses[Int(reason.rawValue)] }
}
