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
/// Both spacings invert the integral of the rate, Λ(t), the expected number
/// of events up to t: each arrival adds a unit of "work" and lands where Λ
/// reaches the running total. With `evenlySpaced` every unit is exactly 1,
/// so the k-th arrival is where Λ reaches k (a constant-rate load generator
/// such as wrk2: at a constant rate, start + k / rate, without drift). With
/// `poisson` the units are exponential with mean 1, which makes a Poisson
/// process of rate(t) (the time-change theorem; Çinlar 1975, 4.5). Unlike
/// thinning, the work per arrival does not depend on how the rate varies:
/// a pattern with a long zero-rate stretch or a deep trough costs no more
/// than a constant one, and no loop needs an arbitrary bound.
public struct ArrivalGenerator: Sendable {
    public enum Spacing: String, Hashable, Sendable, CaseIterable {
        case poisson
        case evenlySpaced = "even"
    }

    public let pattern: RatePattern
    public let spacing: Spacing
    var random: RandomStream
    let shape: RateShape
    /// Where Λ is measured from: the start for a constant rate, otherwise
    /// the start of the pattern's cycle (period) holding the last arrival.
    var origin: Instant
    /// Λ from `origin` to the last arrival, in expected events.
    var work: Double
    /// The last arrival (the start before the first); arrivals are
    /// strictly increasing, at least 1 ns apart.
    var last: Instant
    /// Set once no arrival is left before `.distantFuture`.
    var exhausted: Bool

    public init(pattern: RatePattern, spacing: Spacing, start: Instant = .zero, random: RandomStream) {
        self.pattern = pattern
        self.spacing = spacing
        self.random = random
        shape = pattern.shape
        last = start
        exhausted = shape.meanRate <= 0
        switch shape {
        case .constant:
            origin = start
            work = 0
        case .cycle(let cycle):
            let offset = floorRemainder(start.nanoseconds, cycle.length)
            origin = Instant(nanoseconds: start.nanoseconds &- offset)
            work = cycle.work(atOffset: offset)
        case .sine(let sine):
            let offset = floorRemainder(start.nanoseconds, sine.period)
            origin = Instant(nanoseconds: start.nanoseconds &- offset)
            work = sine.work(atOffset: offset)
        }
        // A start so far before time zero that its cycle began before the
        // first representable instant: nothing sensible to offer.
        if origin > start { exhausted = true }
    }

    /// The next arrival strictly after the previous one (the first strictly
    /// after the start), or nil if the pattern has no positive rate or the
    /// next arrival would be at or after `.distantFuture`.
    public mutating func next() -> Instant? {
        guard !exhausted else { return nil }
        work += spacing == .poisson ? random.nextStandardExponential() : 1
        let offset: Int64?
        switch shape {
        case .constant(let rate):
            let nanoseconds = (work * 1e9 / rate).rounded()
            offset = nanoseconds < 9.2e18 ? Int64(nanoseconds) : nil
        case .cycle(let cycle):
            offset = enterCycle(length: cycle.length, work: cycle.work) ? cycle.offset(atWork: work) : nil
        case .sine(let sine):
            offset = enterCycle(length: sine.period, work: sine.work)
                ? sine.offset(atWork: work, notBefore: last.nanoseconds.subtractingReportingOverflow(origin.nanoseconds).partialValue)
                : nil
        }
        guard let offset else { exhausted = true; return nil }
        var arrival = origin.addingSaturating(TimeSpan(nanoseconds: offset))
        if arrival <= last { arrival = last.addingSaturating(.nanoseconds(1)) }
        guard arrival < .distantFuture else { exhausted = true; return nil }
        last = arrival
        return arrival
    }

    /// Moves `origin` forward by whole cycles until `work` lies in
    /// (0, cycleWork], keeping the numbers small whatever the run length;
    /// false if that moves past the end of time.
    mutating func enterCycle(length: Int64, work cycleWork: Double) -> Bool {
        let cycles = (work / cycleWork).rounded(.up) - 1
        guard cycles > 0 else { return true }
        guard cycles < 9.2e18 else { return false }
        let (shift, overflow) = length.multipliedReportingOverflow(by: Int64(cycles))
        guard !overflow else { return false }
        origin = origin.addingSaturating(TimeSpan(nanoseconds: shift))
        work -= cycles * cycleWork
        return origin < .distantFuture
    }
}
