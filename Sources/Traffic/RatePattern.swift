import ProxyModel

/// How the offered request (or page) rate varies over a run, in events per second.
///
/// Patterns are anchored at time zero (a step cycle or a burst period starts
/// at `Instant.zero`), whatever instant an `ArrivalGenerator` starts at.
/// Values outside a case's documented domain never trap: a rate that is
/// negative, NaN or infinite counts as zero (no meaningful load can be
/// offered at it), a step of zero or negative duration is left out, and the
/// diurnal amplitude is clamped to [0, 1]. `rate(at:)`, `maximumRate`,
/// `meanRate` and the arrival generator all read the pattern this same way
/// (through `RateShape`).
public enum RatePattern: Hashable, Sendable {
    /// The same rate throughout.
    case constant(perSecond: Double)
    /// Piecewise constant: each step holds its rate for its duration; after
    /// the last step the pattern starts again from the first (a cycle).
    case steps([Step])
    /// A base rate with periodic bursts: every `period`, `burstRate` for `burstLength`
    /// (the burst comes first in each period).
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

    /// The rate at `time` (events per second, never negative).
    public func rate(at time: Instant) -> Double { shape.rate(at: time) }

    /// The largest value `rate(at:)` takes (events per second).
    public var maximumRate: Double { shape.maximumRate }

    /// The long-run average rate (events per second).
    public var meanRate: Double { shape.meanRate }
}
