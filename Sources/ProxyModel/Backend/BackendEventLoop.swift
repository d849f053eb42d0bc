/// How a backend's event loop runs its timers: the clock it reads and the
/// order of a loop iteration. A service time that is a timer (`setTimeout`
/// in Node.js: the model's `service.wait`) ends when the loop's timer phase
/// gets to it, not at an exact instant.
///
/// libuv (src/unix/core.c `uv_run`, src/timer.c): the loop's clock
/// `loop->time` is milliseconds, read once per iteration (`uv__update_time`)
/// and truncated; `uv_timer_start` sets `due = loop->time + timeout`; each
/// iteration runs every timer with `due <= loop->time` first (`uv__run_timers`,
/// in due order, then start order), then polls for I/O. Node.js's `setTimeout`
/// (lib/internal/timers.js) keeps `_idleStart = getLibuvNow()` and fires when
/// `now - _idleStart >= msecs`. So a timer armed at t fires at the first loop
/// iteration after the millisecond boundary `floor(t) + wait` rounded up, and
/// every timer due at that boundary fires together: responses leave in bursts.
public struct BackendEventLoop: Hashable, Sendable {
    /// The resolution of the loop's timer clock; zero: timers fire at their
    /// exact instant (a loop with a fine-grained clock, or threads).
    public var timerGranularity: TimeSpan

    public init(timerGranularity: TimeSpan = .zero) {
        self.timerGranularity = timerGranularity
    }

    /// Exact timers: what every profile but the libuv ones has.
    public static let exactTimers = BackendEventLoop()
    /// libuv's millisecond loop clock (Node.js).
    public static let libuv = BackendEventLoop(timerGranularity: .milliseconds(1))

    /// The moment a timer of `wait` armed at `armedAt` fires. The loop's
    /// clock reads `armedAt` truncated to the granularity (time is cached per
    /// iteration); the timer is due once that clock has advanced by `wait`,
    /// which it does only at a granularity boundary. A zero wait is no timer
    /// at all and ends at once. Saturates at the end of time.
    @inlinable
    public func timerFires(armedAt: Instant, after wait: TimeSpan) -> Instant {
        let g = timerGranularity.nanoseconds
        guard g > 0, wait.nanoseconds > 0 else { return armedAt + wait }
        let loopClock = armedAt.nanoseconds - armedAt.nanoseconds % g
        let due = TimeSpan.saturatingSum(loopClock, wait.nanoseconds)
        let remainder = due % g
        return Instant(nanoseconds: remainder == 0 ? due : TimeSpan.saturatingSum(due, g - remainder))
    }
}

extension BackendEventLoop {
    /// When a request's response is written. Its CPU part runs on the loop
    /// from `serviceStart`; its waiting part is a timer the handler arms.
    /// With exact timers the wait starts when the handler ends. On a libuv
    /// loop the handler arms the timer with the iteration's cached clock
    /// (taken when the request was read, not advanced by the handler's own
    /// CPU), and the response leaves when the timer fires, or when the
    /// handler is done if that is later (the next iteration runs the timer
    /// at once).
    @inlinable
    public func responseWritten(serviceStart: Instant, cpu: TimeSpan, wait: TimeSpan) -> Instant {
        guard timerGranularity.nanoseconds > 0, wait.nanoseconds > 0 else { return serviceStart + cpu + wait }
        return max(serviceStart + cpu, timerFires(armedAt: serviceStart, after: wait))
    }
}
