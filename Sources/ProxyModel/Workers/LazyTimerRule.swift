/// nginx does not move an armed timer when the new deadline is within
/// 300 ms of the old one, in either direction (`ngx_event_add_timer`,
/// `NGX_TIMER_LAZY_DELAY` in ngx_event_timer.h): the timer keeps its old
/// deadline. Idle and read timeouts can therefore fire up to 300 ms early
/// or late compared with "now + timeout".
public enum LazyTimerRule {
    /// `NGX_TIMER_LAZY_DELAY`.
    public static let lazyDelay = TimeSpan.milliseconds(300)

    /// The deadline a timer ends up with when it is (re)armed for `requested`.
    /// - Parameter armed: its current deadline, nil when it is not armed.
    @inlinable
    public static func deadline(armed: Instant?, requested: Instant) -> Instant {
        guard let armed else { return requested }
        let (difference, overflow) = requested.nanoseconds.subtractingReportingOverflow(armed.nanoseconds)
        if !overflow, difference.magnitude < UInt64(lazyDelay.nanoseconds) { return armed }
        return requested
    }
}
