import ProxyModel
import Traffic

/// What a `LoadGenerator` sends: the model's traffic (Scenario's
/// `TrafficSpec`) in the terms the live rig needs.
public struct LoadGeneratorConfiguration: Sendable {
    /// How requests are paced.
    public enum Pacing: Sendable {
        /// Requests at the intended instants of the model's arrival process,
        /// whatever the responses do (wrk2-style, coordinated-omission free).
        /// Each arrival goes to one of `clients` (drawn as the simulator
        /// draws it), which reuses an idle keep-alive connection of its own
        /// or opens one, up to `connectionsPerClient` (then it queues).
        case openLoop(RatePattern, spacing: ArrivalGenerator.Spacing, clients: Int, connectionsPerClient: Int)
        /// `connections` connections, each sending its next request when the
        /// previous response is in, after `thinkTime` (wrk). Connection i
        /// starts at a random instant within `startSpread`, as in the simulator.
        case closedLoop(connections: Int, thinkTime: TimeSpan, startSpread: TimeSpan)
        /// Requests at the times, from the clients (modulo `clients`), with the
        /// methods, sizes and URIs of a trace file (Traffic's `TraceFileReader`),
        /// `speed` times faster than written; otherwise like `openLoop`.
        case trace(path: String, speed: Double, clients: Int, connectionsPerClient: Int)
    }

    /// Where requests go (the proxy, or a backend directly).
    public var target: SocketAddress
    public var pacing: Pacing
    /// Methods, request and response sizes.
    public var mix: RequestMix
    /// Requests to send at most.
    public var requests: Int
    /// No request is intended at or after this long after the start.
    public var duration: TimeSpan
    /// Clients keep connections alive between requests (else `Connection: close`).
    public var clientKeepAlive: Bool
    /// A send that leaves this much after its intended time counts as late.
    public var lateSendThreshold: TimeSpan
    /// The master seed: arrivals, client choice, mix and think times come
    /// from the simulator's streams ("arrivals", "clients", "mix", "think").
    public var seed: UInt64
    /// Which replication of `seed` (`SeedSequence`): replication r sends the
    /// traffic the simulator's replication r draws (`compare --repeat`).
    public var replication: UInt64 = 0
    /// The request target.
    public var path: String
    /// The model's client-nginx link on the generator's connections (`LinkDelay`).
    public var linkDelay = LinkDelay.none

    public init(
        target: SocketAddress, pacing: Pacing, mix: RequestMix = RequestMix(), requests: Int,
        duration: TimeSpan = .hours(1), clientKeepAlive: Bool = true, lateSendThreshold: TimeSpan = .milliseconds(1),
        seed: UInt64 = 1, path: String = "/"
    ) {
        self.target = target; self.pacing = pacing; self.mix = mix; self.requests = requests; self.duration = duration
        self.clientKeepAlive = clientKeepAlive; self.lateSendThreshold = lateSendThreshold; self.seed = seed; self.path = path
    }

    /// Why a configuration cannot run.
    public struct Invalid: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    public func validated() throws(Invalid) -> LoadGeneratorConfiguration {
        guard requests >= 0 else { throw Invalid(description: "requests \(requests): expected at least 0") }
        guard duration > .zero else { throw Invalid(description: "duration \(duration): expected more than 0") }
        guard path.utf8.first == UInt8(ascii: "/"), path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f }) else {
            throw Invalid(description: "path \"\(path)\": expected an origin-form target such as /index.html")
        }
        switch pacing {
        case .openLoop(_, _, let clients, let perClient), .trace(_, _, let clients, let perClient):
            guard clients >= 1 else { throw Invalid(description: "clients \(clients): expected at least 1") }
            guard perClient >= 1 else { throw Invalid(description: "connections per client \(perClient): expected at least 1") }
        case .closedLoop(let connections, let think, let spread):
            guard connections >= 1 else { throw Invalid(description: "connections \(connections): expected at least 1") }
            guard think >= .zero, spread >= .zero else {
                throw Invalid(description: "think time and start spread: expected durations >= 0")
            }
        }
        return self
    }
}
