import Glibc
import ProxyModel

/// The machine's monotonic clock, for timing benchmarks only: model and
/// simulation code never read a clock (DESIGN.md, principle 3).
enum MonotonicClock {
    /// Now, as nanoseconds since an arbitrary fixed point (boot); only differences mean anything.
    static func now() -> Instant {
        var time = timespec()
        // CLOCK_MONOTONIC cannot fail on Linux with a valid pointer.
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Instant(nanoseconds: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec))
    }
}
