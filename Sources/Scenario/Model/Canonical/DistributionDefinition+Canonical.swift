import ProxyModel

extension DistributionDefinition {
    /// The file form: a constant as its bare value, every other family as
    /// `{ family: parameters }`; times as durations, sizes as numbers.
    func canonicalValue(_ quantity: DistributionQuantity) -> JSON5Value {
        func q(_ value: Double) -> JSON5Value {
            switch quantity {
            case .time: return .duration(TimeSpan(milliseconds: value))
            case .bytes: return .number(value)
            }
        }
        func family(_ name: String, _ parameters: JSON5Value) -> JSON5Value { .object([JSON5Member(name, parameters)]) }
        switch self {
        case .constant(let value): return q(value)
        case .exponential(let mean): return family("exponential", .object([JSON5Member("mean", q(mean))]))
        case .uniform(let low, let high):
            return family("uniform", .object([JSON5Member("low", q(low)), JSON5Member("high", q(high))]))
        case .normal(let mean, let sd):
            return family("normal", .object([JSON5Member("mean", q(mean)), JSON5Member("sd", q(sd))]))
        case .lognormalMedianP99(let median, let p99):
            return family("lognormal", .object([JSON5Member("median", q(median)), JSON5Member("p99", q(p99))]))
        case .lognormal(let mu, let sigma):
            return family("lognormal", .object([JSON5Member("mu", .number(mu)), JSON5Member("sigma", .number(sigma))]))
        case .pareto(let scale, let shape):
            return family("pareto", .object([JSON5Member("scale", q(scale)), JSON5Member("shape", .number(shape))]))
        case .empirical(let values):
            return family("empirical", .array(values.map(q)))
        }
    }
}

extension TimeSpan {
    /// The whole nanoseconds nearest to `milliseconds`: the inverse of `.milliseconds`
    /// for values read from duration strings (which `TimeSpan.modelMaximum` bounds).
    /// Beyond Int64 it clamps rather than printing "0s", which would load back as another model.
    init(milliseconds: Double) {
        self.init(clampingNanoseconds: (milliseconds * 1e6).rounded())
    }
}
