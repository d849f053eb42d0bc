import ProxyModel

/// One request of a traffic trace: when it is meant to be sent (the
/// intended send time, from which latency is measured free of coordinated
/// omission), by which client, and what it is.
public struct TraceRecord: Hashable, Sendable {
    public var time: Instant
    /// The client (0-based); requests of one client share its connections.
    public var client: Int32
    public var method: HTTPMethod
    public var requestBytes: Int64
    public var responseBytes: Int64
    /// The request URI (what `hash $request_uri` hashes); nil: the model's `traffic.uris`.
    public var uri: String?
    /// The client's IPv4 address, `a << 24 | b << 16 | c << 8 | d` (what
    /// `ip_hash` and `hash $remote_addr` hash); nil: drawn from `traffic.client_addresses`.
    public var clientAddress: UInt32?
    /// What an access log said happened to the request; the simulation makes
    /// its own outcome and never reads this (`trace inspect` does).
    public var observed: TraceObservation?

    public init(time: Instant, client: Int32, method: HTTPMethod = .get, requestBytes: Int64 = 0, responseBytes: Int64 = 1_000,
                uri: String? = nil, clientAddress: UInt32? = nil, observed: TraceObservation? = nil) {
        self.time = time; self.client = client; self.method = method
        self.requestBytes = requestBytes; self.responseBytes = responseBytes
        self.uri = uri; self.clientAddress = clientAddress; self.observed = observed
    }
}

/// An access log's account of one request (`trace import`): each field nil
/// when the log did not say.
public struct TraceObservation: Hashable, Sendable {
    public var status: Int?
    /// `$request_time`, nanoseconds.
    public var requestTime: Int64?
    /// The last upstream attempt's `$upstream_connect_time` (0: a cached connection), nanoseconds.
    public var upstreamConnectTime: Int64?
    /// The last upstream attempt's `$upstream_response_time`, nanoseconds.
    public var upstreamResponseTime: Int64?
    /// Upstream attempts (more than 1: nginx retried).
    public var upstreamAttempts: Int?
    /// `$connection` and `$connection_requests`: the client connection and how many requests it had carried.
    public var connection: Int64?
    public var connectionRequests: Int64?

    public init(status: Int? = nil, requestTime: Int64? = nil, upstreamConnectTime: Int64? = nil, upstreamResponseTime: Int64? = nil,
                upstreamAttempts: Int? = nil, connection: Int64? = nil, connectionRequests: Int64? = nil) {
        self.status = status; self.requestTime = requestTime; self.upstreamConnectTime = upstreamConnectTime
        self.upstreamResponseTime = upstreamResponseTime; self.upstreamAttempts = upstreamAttempts
        self.connection = connection; self.connectionRequests = connectionRequests
    }

    public var isEmpty: Bool { self == TraceObservation() }
}
