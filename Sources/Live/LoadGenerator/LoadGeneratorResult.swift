import Measurement
import ProxyModel

/// What a load generator measured: latencies into the simulator's own
/// histogram type, sends that left late, and how requests ended.
public struct LoadGeneratorResult: Sendable {
    /// Response complete minus intended send (coordinated-omission free).
    public var latencyFromIntendedSend = LatencyHistogram()
    /// Response complete minus actual send.
    public var latencyFromActualSend = LatencyHistogram()
    /// Actual send minus intended send, every request.
    public var sendLateness = LatencyHistogram()
    /// Sends that left more than the threshold after their intended time.
    public var lateSends = 0
    /// Requests the traffic intended (arrivals, or closed-loop turns).
    public var requestsIntended = 0
    public var requestsSent = 0
    /// Complete responses by status class.
    public var successfulResponses = 0
    public var clientErrorResponses = 0
    public var serverErrorResponses = 0
    public var otherResponses = 0
    /// Complete responses by exact status (read in status order for output).
    public var responsesByStatus: [Int: Int] = [:]
    public var connectionsOpened = 0
    /// Requests that failed: the connection could not be opened.
    public var connectFailures = 0
    /// Requests that failed: reset before the response was complete (a backend's RST).
    public var resetsBeforeResponse = 0
    /// Requests that failed: closed (FIN) before the response was complete (the stale-connection race).
    public var closesBeforeResponse = 0
    /// Requests that failed: the response was not valid HTTP.
    public var invalidResponses = 0
    /// The trace file's error that ended the traffic early (file, line, what would be valid).
    public var traceError: String?
    /// From the start to the last response or failure.
    public var elapsed = TimeSpan.zero

    public init() {}

    public var responses: Int { successfulResponses + clientErrorResponses + serverErrorResponses + otherResponses }
    public var failures: Int { connectFailures + resetsBeforeResponse + closesBeforeResponse + invalidResponses }
}
