#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A probability distribution of a non-dimensional value; the caller picks
/// the unit (a scenario's service time in milliseconds, a think time in
/// seconds). Sampling is our own code, so a seed means the same numbers on
/// every toolchain.
///
/// Build distributions with the throwing factories (`exponential(mean:)`,
/// `lognormal(median:p99:)`, ...), which refuse parameters that make no
/// sense; the cases themselves are the validated form.
public enum Distribution: Hashable, Sendable {
    case constant(Double)
    /// Uniform on [low, high].
    case uniform(low: Double, high: Double)
    case exponential(mean: Double)
    /// Normal; samples can be negative (the caller clamps times at zero).
    case normal(mean: Double, standardDeviation: Double)
    /// exp(N(mu, sigma²)).
    case lognormal(mu: Double, sigma: Double)
    /// Pareto type I: P(X > x) = (scale / x)^shape for x >= scale.
    case pareto(scale: Double, shape: Double)
    /// Resampling of observed values: each draw picks one of them uniformly.
    case empirical([Double])

    /// Why a distribution's parameters were refused.
    public struct ParameterError: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    // MARK: Validated construction

    public static func constant(value: Double) throws(ParameterError) -> Distribution {
        try require(value.isFinite, "constant value must be finite (got \(value))")
        return .constant(value)
    }

    public static func uniform(from low: Double, to high: Double) throws(ParameterError) -> Distribution {
        try require(low.isFinite && high.isFinite && low <= high, "uniform needs finite low <= high (got \(low), \(high))")
        return .uniform(low: low, high: high)
    }

    public static func exponential(withMean mean: Double) throws(ParameterError) -> Distribution {
        try require(mean.isFinite && mean > 0, "exponential mean must be > 0 (got \(mean))")
        return .exponential(mean: mean)
    }

    public static func normal(withMean mean: Double, standardDeviation sd: Double) throws(ParameterError) -> Distribution {
        try require(mean.isFinite && sd.isFinite && sd >= 0, "normal needs a finite mean and standard deviation >= 0 (got \(mean), \(sd))")
        return .normal(mean: mean, standardDeviation: sd)
    }

    public static func lognormal(withMu mu: Double, sigma: Double) throws(ParameterError) -> Distribution {
        try require(mu.isFinite && sigma.isFinite && sigma >= 0, "lognormal needs finite mu and sigma >= 0 (got \(mu), \(sigma))")
        return .lognormal(mu: mu, sigma: sigma)
    }

    /// The lognormal with the given median and 99th percentile — the two
    /// numbers people know about a service's latency. mu = ln(median),
    /// sigma = (ln(p99) - mu) / z₀.₉₉ with z₀.₉₉ = 2.3263478740408408.
    public static func lognormal(median: Double, p99: Double) throws(ParameterError) -> Distribution {
        try require(median.isFinite && median > 0 && p99.isFinite && p99 >= median,
                    "lognormal needs 0 < median <= p99 (got median \(median), p99 \(p99))")
        let mu = log(median)
        return .lognormal(mu: mu, sigma: (log(p99) - mu) / standardNormalQuantile99)
    }

    public static func pareto(withScale scale: Double, shape: Double) throws(ParameterError) -> Distribution {
        try require(scale.isFinite && scale > 0 && shape.isFinite && shape > 0,
                    "pareto needs scale > 0 and shape > 0 (got scale \(scale), shape \(shape))")
        return .pareto(scale: scale, shape: shape)
    }

    public static func empirical(values: [Double]) throws(ParameterError) -> Distribution {
        try require(!values.isEmpty, "empirical needs at least one value")
        try require(values.allSatisfy(\.isFinite), "empirical values must be finite")
        return .empirical(values)
    }

    private static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(ParameterError) {
        if !condition { throw ParameterError(message: message()) }
    }

    /// z such that P(N(0,1) <= z) = 0.99.
    public static let standardNormalQuantile99 = 2.3263478740408408

    // MARK: Sampling

    /// One draw. A draw consumes one 64-bit number (two for the normal and
    /// lognormal), except that about one exponential draw in 90 takes a few
    /// more (the ziggurat's rare cases, see `nextStandardExponential`). The
    /// count never depends on the parameters, so two runs that differ only
    /// in parameters stay aligned.
    @inlinable
    public func sample(using random: inout RandomStream) -> Double {
        switch self {
        case .constant(let v):
            return v
        case .uniform(let low, let high):
            return low + (high - low) * random.nextUnitInterval()
        case .exponential(let mean):
            return mean * random.nextStandardExponential()
        case .normal(let mean, let sd):
            return mean + sd * Self.standardNormal(using: &random)
        case .lognormal(let mu, let sigma):
            return exp(mu + sigma * Self.standardNormal(using: &random))
        case .pareto(let scale, let shape):
            return scale / pow(random.nextOpenUnitInterval(), 1 / shape)
        case .empirical(let values):
            return values[Int(random.next(below: UInt64(values.count)))]
        }
    }

    /// Box–Muller, one output per pair of uniforms (no cached second value,
    /// so a draw never depends on the previous one).
    @inlinable
    static func standardNormal(using random: inout RandomStream) -> Double {
        let u1 = random.nextOpenUnitInterval()
        let u2 = random.nextUnitInterval()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    // MARK: Exact properties (for oracles, tests and reports)

    /// The exact mean (infinite for a Pareto with shape <= 1).
    public var mean: Double {
        switch self {
        case .constant(let v): return v
        case .uniform(let low, let high): return (low + high) / 2
        case .exponential(let mean): return mean
        case .normal(let mean, _): return mean
        case .lognormal(let mu, let sigma): return exp(mu + sigma * sigma / 2)
        case .pareto(let scale, let shape): return shape <= 1 ? .infinity : shape * scale / (shape - 1)
        case .empirical(let values): return values.reduce(0, +) / Double(values.count)
        }
    }

    /// The exact variance (infinite for a Pareto with shape <= 2).
    public var variance: Double {
        switch self {
        case .constant: return 0
        case .uniform(let low, let high): return (high - low) * (high - low) / 12
        case .exponential(let mean): return mean * mean
        case .normal(_, let sd): return sd * sd
        case .lognormal(let mu, let sigma): return (exp(sigma * sigma) - 1) * exp(2 * mu + sigma * sigma)
        case .pareto(let scale, let shape):
            return shape <= 2 ? .infinity : scale * scale * shape / ((shape - 1) * (shape - 1) * (shape - 2))
        case .empirical(let values):
            let m = mean
            return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)
        }
    }

    /// P(X <= x).
    public func cumulativeProbability(_ x: Double) -> Double {
        switch self {
        case .constant(let v): return x >= v ? 1 : 0
        case .uniform(let low, let high):
            if high == low { return x >= low ? 1 : 0 }
            return Swift.min(1, Swift.max(0, (x - low) / (high - low)))
        case .exponential(let mean): return x <= 0 ? 0 : 1 - exp(-x / mean)
        case .normal(let mean, let sd):
            if sd == 0 { return x >= mean ? 1 : 0 }
            return 0.5 * erfc(-(x - mean) / (sd * 2.0.squareRoot()))
        case .lognormal(let mu, let sigma):
            if x <= 0 { return 0 }
            if sigma == 0 { return log(x) >= mu ? 1 : 0 }
            return 0.5 * erfc(-(log(x) - mu) / (sigma * 2.0.squareRoot()))
        case .pareto(let scale, let shape): return x < scale ? 0 : 1 - pow(scale / x, shape)
        case .empirical(let values): return Double(values.filter { $0 <= x }.count) / Double(values.count)
        }
    }
}
