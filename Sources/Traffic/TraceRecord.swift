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

    public init(time: Instant, client: Int32, method: HTTPMethod = .get, requestBytes: Int64 = 0, responseBytes: Int64 = 1_000) {
        self.time = time; self.client = client; self.method = method
        self.requestBytes = requestBytes; self.responseBytes = responseBytes
    }
}
