import ProxyModel
import Traffic

/// Rates and rate patterns, in events (requests or pages) per second.
enum RatePatternReading {
    /// Rates must lie here: above zero, and below what a simulation can
    /// step through (a gap of 100 ns between arrivals).
    static let rateBounds = 0.001...10_000_000.0
    /// A pattern's rates may be zero for a while, not throughout.
    static let patternRateBounds = 0.0...rateBounds.upperBound

    /// The kinds of `pattern`, in the order messages list them.
    static let kinds = ["steps", "bursty", "diurnal"]

    static func readRate(_ reader: ValueReader) -> RatePattern {
        .constant(perSecond: reader.double(in: rateBounds))
    }

    static func readPattern(_ reader: ValueReader) -> RatePattern {
        let standIn = RatePattern.constant(perSecond: 1)
        return reader.object { pattern in
            guard let (kind, value) = pattern.soleKey(among: kinds) else { return standIn }
            switch kind {
            case "steps":
                let steps = value.array(count: 1...) { element in
                    element.object { step in
                        RatePattern.Step(duration: step.duration("duration", in: TimeSpan.milliseconds(1)...),
                                         perSecond: step.double("rate", in: patternRateBounds))
                    }
                }
                if !steps.isEmpty, steps.allSatisfy({ $0.perSecond == 0 }) {
                    value.report("at least one step must have a rate above 0")
                }
                return .steps(steps)
            case "bursty":
                return value.object { bursty in
                    let pattern = RatePattern.bursty(
                        baseRate: bursty.double("base_rate", in: patternRateBounds),
                        burstRate: bursty.double("burst_rate", in: patternRateBounds),
                        burstLength: bursty.duration("burst_length", in: TimeSpan.milliseconds(1)...),
                        period: bursty.duration("period", in: TimeSpan.milliseconds(1)...))
                    if case .bursty(let base, let burst, let length, let period) = pattern {
                        if length > period {
                            bursty.field("burst_length")?.report("must not be longer than the period (\(period.formatted()))")
                        }
                        if base == 0, burst == 0 { bursty.report("base_rate or burst_rate must be above 0") }
                    }
                    return pattern
                }
            default:  // "diurnal"
                return value.object { diurnal in
                    .diurnal(meanRate: diurnal.double("mean_rate", in: rateBounds),
                             amplitude: diurnal.double("amplitude", default: 0.5, in: 0.0...1.0),
                             period: diurnal.duration("period", default: .hours(24), in: TimeSpan.milliseconds(1)...),
                             phaseRadians: diurnal.double("phase_radians", default: 0, in: -1000.0...1000.0))
                }
            }
        }
    }
}
