/// A point in time: integer nanoseconds since the start of a run.
///
/// The simulator's virtual clock starts at zero; the live mode maps its
/// monotonic clock onto the same type. Integer nanoseconds give about 292
/// years of range and make time arithmetic exact, so two runs agree bit for
/// bit (see ../shared/DESIGN.md, principle 3).
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the start of the run.
    public var nanoseconds: Int64

    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The start of every run.
    public static let zero = Instant(nanoseconds: 0)
    /// A deadline that never comes; used for "no timer armed".
    public static let distantFuture = Instant(nanoseconds: .max)

    /// Whole seconds since the start, rounded down. nginx keeps
    /// `fail_timeout` bookkeeping (`checked`, `accessed`) in whole seconds
    /// (`ngx_time()` in ngx_http_upstream_round_robin.c).
    @inlinable
    public var wholeSeconds: Int64 { nanoseconds / 1_000_000_000 }

    @inlinable
    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    // Arithmetic saturates at the ends of the range instead of trapping (the
    // code base's one rule for time, see models/README.md "Durations"): model
    // durations are bounded at load time so real runs never come near the
    // ends, and a sum that would still overflow (a deadline after
    // `distantFuture`) means "never", which is what the clamped value says.

    @inlinable
    public static func + (lhs: Instant, rhs: TimeSpan) -> Instant {
        Instant(nanoseconds: TimeSpan.saturatingSum(lhs.nanoseconds, rhs.nanoseconds))
    }

    @inlinable
    public static func - (lhs: Instant, rhs: TimeSpan) -> Instant {
        Instant(nanoseconds: TimeSpan.saturatingDifference(lhs.nanoseconds, rhs.nanoseconds))
    }

    @inlinable
    public static func - (lhs: Instant, rhs: Instant) -> TimeSpan {
        TimeSpan(nanoseconds: TimeSpan.saturatingDifference(lhs.nanoseconds, rhs.nanoseconds))
    }

    @inlinable
    public static func += (lhs: inout Instant, rhs: TimeSpan) { lhs = lhs + rhs }

    /// `self + span`, or `distantFuture` where that would overflow; the same
    /// as `+`, kept as the name call sites use where "never" is the point.
    @inlinable
    public func addingSaturating(_ span: TimeSpan) -> Instant { self + span }

    /// Printed as the time since the start, e.g. `t=1.5s`.
    public var description: String { "t=\(TimeSpan(nanoseconds: nanoseconds))" }
}
