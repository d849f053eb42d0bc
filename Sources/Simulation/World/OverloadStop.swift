import ProxyModel
import Measurement

/// Why a run ended before its end time: more requests in flight than a run
/// may hold. An open loop sending faster than the model can answer grows
/// without bound (each request in flight holds a record, its balancer state
/// and its events), so past `maximumRequestsInFlight` the run stops with
/// this explanation and the report of the traffic up to then, rather than
/// growing until the allocator aborts. Checked only where a request slot is
/// allocated beyond the table's high-water mark, so the hot path pays nothing.
public struct OverloadStop: Sendable, Equatable {
    /// The live-state budget: about 300 MB of request records, balancer
    /// states and their events. A model that legitimately keeps this many
    /// requests in flight is a million-connection load test, beyond what the
    /// simulator is for (models/README.md states the limit).
    public static let maximumRequestsInFlight = 1_000_000

    /// Requests in flight when the limit was passed.
    public var requestsInFlight: Int
    /// When it was passed (virtual time).
    public var at: Instant
    /// Requests sent and answered from the start of the run until then (warm-up included).
    public var requestsSent: Int64
    public var requestsAnswered: Int64

    /// "overload: 1,000,001 requests in flight at t=100ms ...": what happened and what it means.
    public var message: String {
        "overload: \(NumberText.grouped(requestsInFlight)) requests in flight at t=\(TimeSpan(nanoseconds: at.nanoseconds)) "
            + "(the limit is \(NumberText.grouped(Self.maximumRequestsInFlight))): the model sends ~\(perSecond(requestsSent))/s "
            + "into a capacity of ~\(perSecond(requestsAnswered))/s (the rate answered so far); "
            + "the run stopped there and the report covers the traffic up to then. "
            + "Lower the traffic rate, or add backend workers, nginx workers or servers."
    }

    /// `count` over the time until the stop, rounded, grouped.
    private func perSecond(_ count: Int64) -> String {
        let rate = (Double(count) / max(1e-9, Double(at.nanoseconds) / 1e9)).rounded()
        return NumberText.grouped(Int64(exactly: rate) ?? .max)
    }
}

extension World {
    /// Set once requests in flight pass the budget; `Simulator.run` then stops.
    var overload: OverloadStop? { metrics.overload }

    /// Records the first time requests in flight pass the budget (out of
    /// line: `newRequest` is on the hot path and should stay small).
    @inline(never)
    mutating func noteOverload(now: Instant) {
        guard metrics.overload == nil else { return }
        metrics.overload = OverloadStop(requestsInFlight: requestSlots.liveCount, at: now,
                                        requestsSent: metrics.audit.requestsCreated + 1,
                                        requestsAnswered: metrics.audit.requestsAnswered)
    }
}
