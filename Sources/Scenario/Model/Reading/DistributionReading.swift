import ProxyModel
import Randomness

/// Distributions: an object naming the family by its only key
/// (`{ exponential: { mean: "5ms" } }`), or a bare value for a constant
/// (`"2ms"`, `1500`). Time values are duration strings, held in milliseconds;
/// sizes are numbers of bytes.
enum DistributionReading {
    /// The families, in the order messages list them.
    static let families = ["constant", "exponential", "uniform", "normal", "lognormal", "pareto", "empirical"]

    /// Reads a distribution and checks its parameters (`Distribution`'s factories);
    /// returns `fallback` after reporting a problem.
    static func read(_ reader: ValueReader, _ quantity: DistributionQuantity, fallback: DistributionDefinition) -> DistributionDefinition {
        guard case .object = reader.value?.kind else {
            if reader.value == nil { return fallback }
            if case .array? = reader.value?.kind {
                reader.report("must be a distribution such as { exponential: { mean: \(example(quantity)) } }; "
                    + "for observed values write { empirical: [...] }")
                return fallback
            }
            return .constant(value(reader, quantity))  // a bare value: a constant
        }
        let problemsBefore = reader.context.collector.count
        let definition = reader.object { object -> DistributionDefinition? in
            guard let (family, parameters) = object.soleKey(among: families) else { return nil }
            return readFamily(family, parameters, quantity)
        }
        // Parameters already refused hold stand-ins: checking them together would only echo that.
        guard let definition, reader.context.collector.count == problemsBefore else { return fallback }
        do {
            _ = try definition.distribution()
        } catch {
            reader.report(error.message + (quantity == .time ? " (times in milliseconds)" : ""))
            return fallback
        }
        return definition
    }

    private static func readFamily(_ family: String, _ parameters: ValueReader, _ quantity: DistributionQuantity) -> DistributionDefinition? {
        switch family {
        case "constant":
            return .constant(value(parameters, quantity))
        case "exponential":
            return parameters.object { .exponential(mean: value($0.required("mean"), quantity)) }
        case "uniform":
            return parameters.object { .uniform(low: value($0.required("low"), quantity), high: value($0.required("high"), quantity)) }
        case "normal":
            return parameters.object {
                .normal(mean: value($0.required("mean"), quantity), standardDeviation: value($0.required("sd"), quantity))
            }
        case "lognormal":
            return parameters.object { lognormal in
                // Two ways to give it: what people know of a latency (median and p99), or the parameters of the log.
                let byPercentiles = (lognormal.field("median"), lognormal.field("p99"))
                let byParameters = (lognormal.field("mu"), lognormal.field("sigma"))
                let usesPercentiles = byPercentiles.0 != nil || byPercentiles.1 != nil
                let usesParameters = byParameters.0 != nil || byParameters.1 != nil
                if usesPercentiles && usesParameters {
                    lognormal.report("give either median and p99, or mu and sigma, not both")
                    return nil
                }
                if usesParameters {
                    return .lognormal(mu: lognormal.double("mu"), sigma: lognormal.double("sigma", in: 0.0...))
                }
                return .lognormalMedianP99(median: value(lognormal.required("median"), quantity),
                                           p99: value(lognormal.required("p99"), quantity))
            }
        case "pareto":
            return parameters.object {
                .pareto(scale: value($0.required("scale"), quantity), shape: $0.double("shape", in: Double.leastNonzeroMagnitude...))
            }
        default:  // "empirical"
            return .empirical(parameters.array(count: 1...) { value($0, quantity) })
        }
    }

    /// One value of the distribution's quantity, in the model's unit.
    static func value(_ reader: ValueReader, _ quantity: DistributionQuantity) -> Double {
        switch quantity {
        case .time: return reader.duration().milliseconds
        case .bytes: return reader.double(in: allowedBytes)
        }
    }

    /// Sizes a model may give (request and response bytes): up to 1 TB, so that
    /// every size, and any sum of sizes a run forms, is an exact integer well inside Int64.
    static let allowedBytes = 0.0...1e12

    private static func example(_ quantity: DistributionQuantity) -> String {
        quantity == .time ? "\"5ms\"" : "2000"
    }
}
