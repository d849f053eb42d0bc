import ProxyModel
import Measurement

/// Why a run ended before its end time, with the report of the traffic up to
/// then rather than a crash or a hang:
/// - overload: more requests in flight than a run may hold. An open loop
///   sending faster than the model can answer grows without bound (each
///   request in flight holds a record, its balancer state and its events).
///   Checked only where a request slot is allocated beyond the table's
///   high-water mark, so the hot path pays nothing.
/// - a stalled clock: events keep coming at one instant and time never
///   advances (a loop of instant failures and instant retries). Every
///   message in the model takes time (`network.*.one_way` is at least 1 µs),
///   so this should not happen; if some combination still does it, the run
///   says so instead of hanging.
public struct EarlyStop: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// Requests in flight passed `maximumRequestsInFlight`.
        case overload(requestsInFlight: Int)
        /// This many events were delivered at one instant.
        case clockStalled(events: UInt64)
    }

    /// The live-state budget: about 300 MB of request records, balancer
    /// states and their events. A model that legitimately keeps this many
    /// requests in flight is a million-connection load test, beyond what the
    /// simulator is for (models/README.md states the limit).
    public static let maximumRequestsInFlight = 1_000_000
    /// Events at one instant after which the clock counts as stalled: far
    /// more than any real burst (a million connections all answered at once).
    public static let maximumEventsAtOneInstant: UInt64 = 1 << 24

    public var reason: Reason
    /// When it happened (virtual time).
    public var at: Instant
    /// Requests sent and answered from the start of the run until then (warm-up included).
    public var requestsSent: Int64
    public var requestsAnswered: Int64

    /// Requests in flight when the overload limit was passed (0 for a stalled clock).
    public var requestsInFlight: Int {
        if case .overload(let n) = reason { return n }
        return 0
    }

    /// What happened and what it means, e.g. "overload: 1,000,001 requests in flight at t=100ms ...".
    public var message: String {
        let when = "t=\(TimeSpan(nanoseconds: at.nanoseconds))"
        switch reason {
        case .overload(let inFlight):
            return "overload: \(NumberText.grouped(inFlight)) requests in flight at \(when) "
                + "(the limit is \(NumberText.grouped(Self.maximumRequestsInFlight))): the model sends ~\(perSecond(requestsSent))/s "
                + "into a capacity of ~\(perSecond(requestsAnswered))/s (the rate answered so far); "
                + "the run stopped there and the report covers the traffic up to then. "
                + "Lower the traffic rate, or add backend workers, nginx workers or servers."
        case .clockStalled(let events):
            return "time stopped advancing: \(NumberText.grouped(events)) events at \(when) without the clock moving on "
                + "(an instant loop of failures and retries); the run stopped there and the report covers the traffic "
                + "up to then. Give the links a one-way delay and the closed loop a think time."
        }
    }

    /// `count` over the time until the stop, rounded, grouped.
    private func perSecond(_ count: Int64) -> String {
        let rate = (Double(count) / max(1e-9, Double(at.nanoseconds) / 1e9)).rounded()
        return NumberText.grouped(Int64(exactly: rate) ?? .max)
    }
}

extension World {
    /// Set once the run must stop early; `Simulator.run` then stops.
    var earlyStop: EarlyStop? { metrics.earlyStop }

    /// Records the first time requests in flight pass the budget (out of
    /// line: `newRequest` is on the hot path and should stay small).
    /// Called while the new request is being made, so it counts as sent.
    @inline(never)
    mutating func noteOverload(now: Instant) {
        noteEarlyStop(.overload(requestsInFlight: requestSlots.liveCount), now: now, requestsBeingMade: 1)
    }

    mutating func noteEarlyStop(_ reason: EarlyStop.Reason, now: Instant, requestsBeingMade: Int64 = 0) {
        guard metrics.earlyStop == nil else { return }
        metrics.earlyStop = EarlyStop(reason: reason, at: now, requestsSent: metrics.audit.requestsCreated + requestsBeingMade,
                                      requestsAnswered: metrics.audit.requestsAnswered)
    }
}
