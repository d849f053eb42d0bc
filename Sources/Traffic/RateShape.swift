import ProxyModel

/// A `RatePattern` reduced to one of three shapes, with every out-of-domain
/// value already made harmless (see `RatePattern`). Everything that reads a
/// pattern — its rate, maximum and mean, and the arrival generator's
/// integral of it — reads this form, so they can never disagree.
enum RateShape: Sendable {
    /// The same rate forever (possibly zero).
    case constant(Double)
    /// Pieces of constant rate repeating from time zero (steps, bursts).
    case cycle(RateCycle)
    /// A sine around a mean, repeating from time zero (diurnal).
    case sine(SineRate)

    /// A rate as offered: negative, NaN and infinite rates count as zero.
    static func usable(_ rate: Double) -> Double { rate.isFinite && rate > 0 ? rate : 0 }

    func rate(at time: Instant) -> Double {
        switch self {
        case .constant(let r):
            return r
        case .cycle(let cycle):
            return cycle.rate(atOffset: floorRemainder(time.nanoseconds, cycle.length))
        case .sine(let sine):
            return sine.rate(atOffset: floorRemainder(time.nanoseconds, sine.period))
        }
    }

    var maximumRate: Double {
        switch self {
        case .constant(let r): return r
        case .cycle(let cycle): return cycle.rates.max() ?? 0
        case .sine(let sine): return sine.mean * (1 + sine.amplitude)
        }
    }

    var meanRate: Double {
        switch self {
        case .constant(let r): return r
        case .cycle(let cycle): return cycle.work / (Double(cycle.length) / 1e9)
        // With amplitude <= 1 the sine is never clipped, so it averages to the mean.
        case .sine(let sine): return sine.mean
        }
    }
}

extension RatePattern {
    var shape: RateShape {
        switch self {
        case .constant(let r):
            return .constant(RateShape.usable(r))
        case .steps(let steps):
            return RateCycle(pieces: steps.map { ($0.duration.nanoseconds, $0.perSecond) }).map(RateShape.cycle) ?? .constant(0)
        case .bursty(let base, let burst, let length, let period):
            guard period.nanoseconds > 0, length.nanoseconds < period.nanoseconds else {
                // No period: no bursts; a burst as long as the period: all burst.
                return .constant(RateShape.usable(period.nanoseconds > 0 ? burst : base))
            }
            let burstLength = max(0, length.nanoseconds)
            return RateCycle(pieces: [(burstLength, burst), (period.nanoseconds - burstLength, base)]).map(RateShape.cycle) ?? .constant(0)
        case .diurnal(let mean, let amplitude, let period, let phase):
            let mean = RateShape.usable(mean)
            let amplitude = amplitude.isNaN ? 0 : min(1, max(0, amplitude))
            guard period.nanoseconds > 0, amplitude > 0, mean > 0 else { return .constant(mean) }
            return .sine(SineRate(mean: mean, amplitude: amplitude, period: period.nanoseconds, phase: phase.isFinite ? phase : 0))
        }
    }
}

/// `value` mod `divisor` in [0, divisor) also for negative values
/// (`%` keeps the dividend's sign). `divisor` > 0.
func floorRemainder(_ value: Int64, _ divisor: Int64) -> Int64 {
    let r = value % divisor
    return r < 0 ? r + divisor : r
}
