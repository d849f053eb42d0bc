import ProxyModel
import Randomness

/// What each request is: its method, its client, its sizes.
public struct RequestMix: Hashable, Sendable {
    /// Methods with relative weights, e.g. GET 9, POST 1. Order matters only
    /// for determinism of the draw (it is kept as written).
    public var methods: [(method: HTTPMethod, weight: Double)]
    /// Request body bytes (0 for most GETs).
    public var requestBytes: Distribution
    /// Response body bytes.
    public var responseBytes: Distribution

    public init(methods: [(method: HTTPMethod, weight: Double)] = [(.get, 1)],
                requestBytes: Distribution = .constant(0), responseBytes: Distribution = .constant(1_000)) {
        self.methods = methods
        self.requestBytes = requestBytes
        self.responseBytes = responseBytes
    }

    public static func == (a: RequestMix, b: RequestMix) -> Bool {
        a.methods.map(\.method) == b.methods.map(\.method) && a.methods.map(\.weight) == b.methods.map(\.weight)
            && a.requestBytes == b.requestBytes && a.responseBytes == b.responseBytes
    }

    public func hash(into hasher: inout Hasher) {
        for (m, w) in methods { hasher.combine(m); hasher.combine(w) }
        hasher.combine(requestBytes); hasher.combine(responseBytes)
    }

    /// Draws a method by weight (one uniform draw).
    public func drawMethod(using random: inout RandomStream) -> HTTPMethod {
        if methods.count == 1 { return methods[0].method }
        let total = methods.reduce(0) { $0 + $1.weight }
        var x = random.nextUnitInterval() * total
        for (method, weight) in methods {
            if x < weight { return method }
            x -= weight
        }
        return methods[methods.count - 1].method
    }

    /// Draws a byte count from a size distribution (rounded, at least 0).
    public static func drawBytes(_ distribution: Distribution, using random: inout RandomStream) -> Int64 {
        let v = distribution.sample(using: &random)
        return v.isFinite && v > 0 ? Int64(min(v, 1e15).rounded()) : 0
    }
}
