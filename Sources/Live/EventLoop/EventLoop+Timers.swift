import ProxyModel

/// A scheduled timer; `cancel` it through the loop that made it.
public struct TimerID: Hashable, Sendable {
    let sequence: UInt64
}

/// Timers on the loop's monotonic clock, nanosecond resolution: one timerfd
/// armed (absolute time) for the earliest deadline, since epoll_wait only
/// takes milliseconds (swift-linux-notes.md, "Syscalls").
extension EventLoop {
    /// Runs `callback` on this loop at `deadline` (at once, in the timer
    /// phase of the next iteration, if it is past). Timers with equal deadlines
    /// fire in the order they were scheduled.
    @discardableResult
    public func schedule(at deadline: Instant, _ callback: @escaping () -> Void) -> TimerID {
        let sequence = nextTimerSequence
        nextTimerSequence &+= 1
        timers.insert(.init(deadline: deadline.nanoseconds, sequence: sequence))
        timerCallbacks[sequence] = callback
        rearmTimer()
        return TimerID(sequence: sequence)
    }

    /// Runs `callback` on this loop `delay` from now.
    @discardableResult
    public func schedule(after delay: TimeSpan, _ callback: @escaping () -> Void) -> TimerID {
        schedule(at: now.addingSaturating(delay), callback)
    }

    /// Cancels a timer that has not fired (a no-op for one that has).
    public func cancel(_ timer: TimerID) {
        guard timerCallbacks.removeValue(forKey: timer.sequence) != nil else { return }
        // Lazy cancellation leaves the heap entry; sweep when dead entries dominate.
        if timers.count > 64 && timers.count > 4 * timerCallbacks.count {
            timers.retain { timerCallbacks[$0.sequence] != nil }
        }
    }

    /// Timers scheduled and not yet fired or cancelled.
    public var pendingTimerCount: Int { timerCallbacks.count }

    /// Fires the timers due now, earliest first. A timer scheduled by one of
    /// them for a time already past waits for the next iteration, so a
    /// callback that re-schedules itself at once cannot starve the loop.
    func runExpiredTimers() throws(SystemError) {
        let now = self.now.nanoseconds
        let firstNewSequence = nextTimerSequence
        var deferred: [TimerHeap.Entry] = []
        while let top = timers.first, top.deadline <= now {
            _ = timers.removeFirst()
            if top.sequence >= firstNewSequence { deferred.append(top); continue }
            guard let callback = timerCallbacks.removeValue(forKey: top.sequence) else { continue }
            callback()
        }
        for entry in deferred { timers.insert(entry) }
        try armTimerForEarliest()
    }

    private func rearmTimer() {
        // A failing timerfd_settime on a valid descriptor is not expected; if it
        // happens the timer is still armed at the next iteration's re-arm.
        try? armTimerForEarliest()
    }

    private func armTimerForEarliest() throws(SystemError) {
        while let top = timers.first, timerCallbacks[top.sequence] == nil { _ = timers.removeFirst() }
        let earliest = timers.first?.deadline
        guard earliest != armedDeadline else { return }
        try System.armTimer(timerDescriptor, at: earliest)
        armedDeadline = earliest
    }
}
