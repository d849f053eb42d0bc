import ProxyModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the offered request (or page) rate varies over a run, in events per second.
public enum RatePattern: Hashable, Sendable {
    /// The same rate throughout.
    case constant(perSecond: Double)
    /// Piecewise constant: each step holds its rate for its duration; after
    /// the last step the pattern starts again from the first (a cycle).
    case steps([Step])
    /// A base rate with periodic bursts: every `period`, `burstRate` for `burstLength`.
    case bursty(baseRate: Double, burstRate: Double, burstLength: TimeSpan, period: TimeSpan)
    /// A day-shaped sine: mean * (1 + amplitude * sin(2π (t / period) + phase)),
    /// amplitude in [0, 1]. Compressed periods (a "day" of 10 minutes) make
    /// daily patterns affordable to simulate.
    case diurnal(meanRate: Double, amplitude: Double, period: TimeSpan, phaseRadians: Double)

    public struct Step: Hashable, Sendable {
        public var duration: TimeSpan
        public var perSecond: Double
        public init(duration: TimeSpan, perSecond: Double) { self.duration = duration; self.perSecond = perSecond }
    }

    /// The rate at `time` (events per second).
    public func rate(at time: Instant) -> Double {
        switch self {
        case .constant(let r):
            return r
        case .steps(let steps):
            let cycle = steps.reduce(Int64(0)) { $0 + $1.duration.nanoseconds }
            guard cycle > 0 else { return 0 }
            var offset = time.nanoseconds % cycle
            for step in steps {
                if offset < step.duration.nanoseconds { return step.perSecond }
                offset -= step.duration.nanoseconds
            }
            return steps.last?.perSecond ?? 0
        case .bursty(let base, let burst, let length, let period):
            guard period.nanoseconds > 0 else { return base }
            return time.nanoseconds % period.nanoseconds < length.nanoseconds ? burst : base
        case .diurnal(let mean, let amplitude, let period, let phase):
            guard period.nanoseconds > 0 else { return mean }
            let x = Double(time.nanoseconds % period.nanoseconds) / Double(period.nanoseconds)
            return max(0, mean * (1 + amplitude * sin(2 * Double.pi * x + phase)))
        }
    }

    /// An upper bound of `rate(at:)` over all times (for thinning).
    public var maximumRate: Double {
        switch self {
        case .constant(let r): return r
        case .steps(let steps): return steps.map(\.perSecond).max() ?? 0
        case .bursty(let base, let burst, _, _): return max(base, burst)
        case .diurnal(let mean, let amplitude, _, _): return mean * (1 + amplitude)
        }
    }

    /// The long-run average rate.
    public var meanRate: Double {
        switch self {
        case .constant(let r): return r
        case .steps(let steps):
            let total = steps.reduce(0.0) { $0 + $1.duration.seconds }
            return total > 0 ? steps.reduce(0.0) { $0 + $1.duration.seconds * $1.perSecond } / total : 0
        case .bursty(let base, let burst, let length, let period):
            guard period.nanoseconds > 0 else { return base }
            let share = min(1, length.seconds / period.seconds)
            return burst * share + base * (1 - share)
        case .diurnal(let mean, _, _, _): return mean
        }
    }
}
