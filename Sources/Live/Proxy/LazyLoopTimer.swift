import ProxyModel

/// A per-connection deadline on an event loop, re-armed without touching the
/// loop's timer heap on every request: arming to a later deadline keeps the
/// loop timer already scheduled, which re-schedules itself for the deadline
/// when it fires early (nginx's own trick: ngx_add_timer skips the re-insert
/// when the new deadline is within 300 ms of the old one — here any later
/// deadline waits for the earlier timer). Cancelling just forgets the
/// deadline. NginxWorker re-checks every deadline when told a timer fired,
/// so firing late or for a forgotten deadline is harmless by design.
struct LazyLoopTimer {
    /// When the owner wants to hear about it (distantFuture: not armed).
    private(set) var deadline = Instant.distantFuture
    /// When the loop timer now scheduled fires, if one is.
    private var scheduledFor: Instant?

    var isArmed: Bool { deadline != .distantFuture }

    /// Wants `fire` at `newDeadline` (replacing any earlier wish).
    /// `fire` is called on the loop once `deadline <= now`.
    /// A loop timer that fires after an earlier one was scheduled only
    /// causes an extra check: chains of re-arms merge at the next arm.
    mutating func arm(at newDeadline: Instant, on loop: EventLoop, _ fire: @escaping () -> Void) {
        deadline = newDeadline
        guard newDeadline != .distantFuture else { return }
        if let scheduledFor, scheduledFor <= newDeadline { return }
        scheduledFor = newDeadline
        loop.schedule(at: newDeadline, fire)
    }

    mutating func cancel() {
        deadline = .distantFuture
    }

    /// Called by the loop timer: true when the deadline is due; otherwise the
    /// caller re-arms for the later deadline (`arm` with `deadline`).
    mutating func loopTimerFired(now: Instant) -> Bool {
        scheduledFor = nil
        return deadline <= now
    }
}
