import Randomness

/// A distribution as the model file writes it, in the model's unit: the form
/// is kept (`lognormal` by median and p99 stays that) so the canonical text
/// shows what the user wrote, and reading it back gives the same parameters.
enum DistributionDefinition: Hashable {
    case constant(Double)
    case exponential(mean: Double)
    case uniform(low: Double, high: Double)
    case normal(mean: Double, standardDeviation: Double)
    case lognormalMedianP99(median: Double, p99: Double)
    case lognormal(mu: Double, sigma: Double)
    case pareto(scale: Double, shape: Double)
    case empirical([Double])

    /// The sampling form, or why the parameters make no sense.
    func distribution() throws(Distribution.ParameterError) -> Distribution {
        switch self {
        case .constant(let value): return try .constant(value: value)
        case .exponential(let mean): return try .exponential(withMean: mean)
        case .uniform(let low, let high): return try .uniform(from: low, to: high)
        case .normal(let mean, let sd): return try .normal(withMean: mean, standardDeviation: sd)
        case .lognormalMedianP99(let median, let p99): return try .lognormal(median: median, p99: p99)
        case .lognormal(let mu, let sigma): return try .lognormal(withMu: mu, sigma: sigma)
        case .pareto(let scale, let shape): return try .pareto(withScale: scale, shape: shape)
        case .empirical(let values): return try .empirical(values: values)
        }
    }
}

/// What a distribution's values measure, which decides how they are written:
/// times as duration strings (`"2ms"`, held in milliseconds), sizes as plain
/// numbers of bytes.
enum DistributionQuantity {
    case time
    case bytes
}

extension DistributionDefinition {
    /// The file form of a distribution built in code (a default of the model's types).
    init(_ distribution: Distribution) {
        switch distribution {
        case .constant(let value): self = .constant(value)
        case .uniform(let low, let high): self = .uniform(low: low, high: high)
        case .exponential(let mean): self = .exponential(mean: mean)
        case .normal(let mean, let sd): self = .normal(mean: mean, standardDeviation: sd)
        case .lognormal(let mu, let sigma): self = .lognormal(mu: mu, sigma: sigma)
        case .pareto(let scale, let shape): self = .pareto(scale: scale, shape: shape)
        case .empirical(let values): self = .empirical(values)
        }
    }
}
