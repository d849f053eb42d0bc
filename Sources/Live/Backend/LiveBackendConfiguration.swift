import ProxyModel
import Randomness

/// What an emulated backend does: the model's backend (Scenario's
/// `BackendSpec`) in the terms the live rig needs. Keep-alive decisions come
/// from ProxyModel's `BackendKeepalivePolicy`, the same code the simulator asks.
public struct LiveBackendConfiguration: Hashable, Sendable {
    public var keepalive: BackendKeepalivePolicy
    /// Workers that run requests' CPU part one at a time each.
    public var workers: Int
    /// The CPU part of a request's service time, milliseconds (holds a worker).
    public var cpuTimeMs: Distribution
    /// The waiting part, milliseconds: holds the worker only if `waitHoldsWorker`.
    public var waitTimeMs: Distribution
    public var waitHoldsWorker: Bool
    /// CPU to accept a new connection, on a worker, before its first request.
    public var acceptCPU: TimeSpan
    /// Share of responses with status 500 (0...1).
    public var errorRate: Double
    /// The master seed and this backend's index in the model: its service
    /// times and errors come from the streams the simulator uses for it
    /// ("service" and "errors", indexed by backend).
    public var seed: UInt64
    public var index: Int
    /// Which replication of `seed` (`SeedSequence`), as the simulator's replication r.
    public var replication: UInt64 = 0
    /// How the server's loop runs timers (libuv: a millisecond clock).
    public var eventLoop = BackendEventLoop.exactTimers
    /// The listen backlog (the kernel caps it at somaxconn).
    public var listenBacklog: Int32 = 511
    /// The model's nginx-backend link on the backend's connections (`LinkDelay`).
    public var linkDelay = LinkDelay.none

    public init(
        keepalive: BackendKeepalivePolicy, workers: Int = 1, cpuTimeMs: Distribution = .constant(0),
        waitTimeMs: Distribution = .constant(0), waitHoldsWorker: Bool = false, acceptCPU: TimeSpan = .zero,
        errorRate: Double = 0, seed: UInt64 = 1, index: Int = 0
    ) {
        self.keepalive = keepalive; self.workers = workers; self.cpuTimeMs = cpuTimeMs; self.waitTimeMs = waitTimeMs
        self.waitHoldsWorker = waitHoldsWorker; self.acceptCPU = acceptCPU; self.errorRate = errorRate
        self.seed = seed; self.index = index
    }

    /// Why a configuration cannot run.
    public struct Invalid: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Checks what the model's reader would also refuse, so a hand-built configuration fails clearly.
    public func validated() throws(Invalid) -> LiveBackendConfiguration {
        guard workers >= 1 else { throw Invalid(description: "backend workers \(workers): expected at least 1") }
        guard errorRate >= 0 && errorRate <= 1 else {
            throw Invalid(description: "backend error rate \(errorRate): expected a share between 0 and 1")
        }
        guard index >= 0 else { throw Invalid(description: "backend index \(index): expected at least 0") }
        guard acceptCPU >= .zero else { throw Invalid(description: "backend accept CPU \(acceptCPU): expected a duration >= 0") }
        if let limit = keepalive.maxRequestsPerConnection, limit < 1 {
            throw Invalid(description: "backend max requests per connection \(limit): expected at least 1")
        }
        return self
    }
}
