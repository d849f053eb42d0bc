import ProxyModel
import Randomness
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Produces the arrival instants of an open-loop process, one at a time, so
/// memory never grows with the number of arrivals.
///
/// `poisson` draws exponential gaps; a time-varying rate uses thinning
/// (Lewis and Shedler 1979): candidates at the maximum rate, each kept with
/// probability rate(t) / maximum. `evenlySpaced` places arrivals at exact
/// 1/rate intervals (a constant-rate load generator such as wrk2).
public struct ArrivalGenerator: Sendable {
    public enum Spacing: String, Hashable, Sendable, CaseIterable {
        case poisson
        case evenlySpaced = "even"
    }

    public let pattern: RatePattern
    public let spacing: Spacing
    @usableFromInline var random: RandomStream
    @usableFromInline var clock: Instant
    /// For even spacing: the fraction of the next gap already covered, in
    /// "events" units (accumulates rate x time so changing rates stay exact).
    @usableFromInline var evenCredit = 0.0
    /// For even spacing at a constant rate: arrivals so far and the start,
    /// so the k-th arrival is at start + k / rate exactly, without drift.
    @usableFromInline let start: Instant
    @usableFromInline var produced: Int64 = 0

    public init(pattern: RatePattern, spacing: Spacing, start: Instant = .zero, random: RandomStream) {
        self.pattern = pattern
        self.spacing = spacing
        self.random = random
        self.clock = start
        self.start = start
    }

    /// The next arrival strictly after the previous one, or nil if the
    /// pattern has no positive rate left (an arrival at or after
    /// `.distantFuture` is never produced).
    public mutating func next() -> Instant? {
        let maximum = pattern.maximumRate
        guard maximum > 0, maximum.isFinite else { return nil }
        switch spacing {
        case .poisson:
            if case .constant(let r) = pattern {
                clock = clock + Self.gap(seconds: -log(random.nextOpenUnitInterval()) / r)
                return clock
            }
            // Thinning; bounded so a zero-rate stretch cannot spin forever.
            for _ in 0..<1_000_000 {
                clock = clock + Self.gap(seconds: -log(random.nextOpenUnitInterval()) / maximum)
                if random.nextUnitInterval() * maximum < pattern.rate(at: clock) { return clock }
            }
            return nil
        case .evenlySpaced:
            if case .constant(let r) = pattern {
                produced += 1
                let offset = Double(produced) * 1e9 / r
                guard offset < 9e18 else { return nil }
                clock = start + TimeSpan(nanoseconds: Int64(offset.rounded()))
                return clock
            }
            // Advance in small steps of the current rate until one whole
            // event of credit has accumulated.
            var guardSteps = 0
            while guardSteps < 10_000_000 {
                let r = pattern.rate(at: clock)
                if r > 0 {
                    let needed = (1 - evenCredit) / r  // seconds until the next arrival at this rate
                    let stepLimit = 0.001  // re-read the rate at least every millisecond
                    if needed <= stepLimit {
                        clock = clock + Self.gap(seconds: needed)
                        evenCredit = 0
                        return clock
                    }
                    evenCredit += r * stepLimit
                }
                clock = clock + .milliseconds(1)
                guardSteps += 1
            }
            return nil
        }
    }

    @inlinable
    static func gap(seconds: Double) -> TimeSpan {
        // At least 1 ns so arrivals are strictly increasing.
        let ns = seconds * 1e9
        return TimeSpan(nanoseconds: ns >= 9e18 ? 9_000_000_000_000_000_000 : max(1, Int64(ns.rounded())))
    }
}
