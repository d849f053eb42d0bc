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

    /// Draws a method by weight: one uniform draw, or none when there is
    /// only one method, which is then always the draw. Otherwise a weight
    /// that is negative, NaN or infinite counts as zero, a method of weight
    /// zero is never drawn, and with no method of positive weight (or none
    /// at all) the draw is GET, as in the default mix.
    public func drawMethod(using random: inout RandomStream) -> HTTPMethod {
        if methods.count == 1 { return methods[0].method }
        let total = methods.reduce(0) { $0 + Self.usable($1.weight) }
        guard total > 0, total.isFinite else { return .get }
        var x = random.nextUnitInterval() * total
        var chosen = HTTPMethod.get
        for (method, weight) in methods where Self.usable(weight) > 0 {
            // Rounding can leave x just above the sum of the weights: the
            // last method of positive weight takes that sliver.
            chosen = method
            if x < weight { break }
            x -= weight
        }
        return chosen
    }

    static func usable(_ weight: Double) -> Double { weight.isFinite && weight > 0 ? weight : 0 }

    /// Draws a byte count from a size distribution: rounded, at least 0 and
    /// at most 10^15 (a draw that is NaN or negative is 0; one beyond 10^15,
    /// e.g. a Pareto tail, is 10^15).
    public static func drawBytes(_ distribution: Distribution, using random: inout RandomStream) -> Int64 {
        let v = distribution.sample(using: &random)
        return v > 0 ? Int64(min(v, 1e15).rounded()) : 0
    }
}
