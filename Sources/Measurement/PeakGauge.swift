import ProxyModel

/// A level that goes up and down over time (connections open, connections
/// busy, requests in flight), with its peak and its time-weighted average.
///
/// The average is the integral of the level over the observation window
/// divided by the window's length, the `L` of Little's law `L = λW`: the
/// average number of busy connections must equal the completion rate times
/// the mean time a connection is busy. The integral is kept exactly, in
/// level × nanoseconds as an `Int128`.
///
/// Updates must come with non-decreasing `now` (both drivers' clocks are
/// monotonic); an earlier `now` is treated as the latest one seen, adding no
/// area, rather than subtracting time. The level is not clamped: a negative
/// level shows up as such in `current` and in the average, pointing at an
/// unbalanced decrement.
public struct PeakGauge: Equatable, Sendable {
    @usableFromInline internal var level: Int64
    @usableFromInline internal var highest: Int64
    @usableFromInline internal var windowStart: Instant
    @usableFromInline internal var lastChange: Instant
    /// ∫ level dt from `windowStart` to `lastChange`, in level × nanoseconds.
    @usableFromInline internal var area: Int128 = 0

    /// A gauge at `value`, observed from `start`.
    public init(value: Int64 = 0, at start: Instant = .zero) {
        level = value
        highest = value
        windowStart = start
        lastChange = start
    }

    /// Raises the level by `amount` at `now`.
    @inlinable
    public mutating func increment(by amount: Int64 = 1, at now: Instant) {
        set(level &+ amount, at: now)
    }

    /// Lowers the level by `amount` at `now`.
    @inlinable
    public mutating func decrement(by amount: Int64 = 1, at now: Instant) {
        set(level &- amount, at: now)
    }

    /// Sets the level to `value` at `now`.
    @inlinable
    public mutating func set(_ value: Int64, at now: Instant) {
        accumulate(until: now)
        level = value
        if value > highest { highest = value }
    }

    /// Adds the area under the current level from the last change to `now`.
    @inlinable
    internal mutating func accumulate(until now: Instant) {
        guard now > lastChange else { return }
        area &+= Int128(level) &* Int128(now.nanoseconds &- lastChange.nanoseconds)
        lastChange = now
    }

    /// Starts a new observation window at `now` (e.g. after a warm-up): the
    /// peak restarts from the current level and the average forgets the past.
    public mutating func restartWindow(at now: Instant) {
        let start = Swift.max(lastChange, now)  // time never runs backwards
        highest = level
        area = 0
        windowStart = start
        lastChange = start
    }

    /// The level now.
    public var current: Int64 { level }

    /// The highest level since the window started (at least the level at its start).
    public var peak: Int64 { highest }

    /// When the current observation window started.
    public var observedSince: Instant { windowStart }

    /// ∫ level dt from the window's start to `now`, in level × nanoseconds
    /// (e.g. connection-nanoseconds). Integrals of gauges observed over the
    /// same window add up, which averages do only after weighting.
    public func integral(until now: Instant) -> Int128 {
        var copy = self
        copy.accumulate(until: now)
        return copy.area
    }

    /// The time-weighted average level from the window's start to `now`;
    /// nil if that interval is empty.
    public func timeWeightedAverage(until now: Instant) -> Double? {
        let end = Swift.max(now, lastChange)
        guard end > windowStart else { return nil }
        return Double(integral(until: end)) / Double(end.nanoseconds - windowStart.nanoseconds)
    }
}
