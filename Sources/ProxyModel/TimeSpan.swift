/// A length of time in integer nanoseconds: timeouts, delays, service times.
///
/// Named `TimeSpan` rather than `Duration` so that it never competes with the
/// standard library's `Swift.Duration` in modules that see both.
/// Parsing and printing of human forms ("250ms", "1.5s", "1h30m") live in
/// `TimeSpan+Parsing.swift`.
public struct TimeSpan: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = TimeSpan(nanoseconds: 0)

    @inlinable public static func nanoseconds(_ n: Int64) -> TimeSpan { TimeSpan(nanoseconds: n) }
    @inlinable public static func microseconds(_ n: Int64) -> TimeSpan { TimeSpan(nanoseconds: n * 1_000) }
    @inlinable public static func milliseconds(_ n: Int64) -> TimeSpan { TimeSpan(nanoseconds: n * 1_000_000) }
    @inlinable public static func seconds(_ n: Int64) -> TimeSpan { TimeSpan(nanoseconds: n * 1_000_000_000) }
    @inlinable public static func minutes(_ n: Int64) -> TimeSpan { .seconds(n * 60) }
    @inlinable public static func hours(_ n: Int64) -> TimeSpan { .seconds(n * 3_600) }

    /// A sampled time in milliseconds as a span: negative and NaN samples
    /// count as zero, and a heavy tail's huge samples saturate at ~31 years
    /// instead of overflowing. Shared by the simulator and the live backends,
    /// so both turn a service-time draw into the same span.
    @inlinable
    public init(sampledMilliseconds ms: Double) {
        guard ms > 0 else { self = .zero; return }
        self.init(nanoseconds: ms >= 1e12 ? 1_000_000_000_000_000_000 : Int64(ms * 1e6))
    }

    /// Seconds as a floating-point number, for reports and rates only;
    /// the model never computes with it.
    @inlinable public var seconds: Double { Double(nanoseconds) / 1e9 }
    /// Milliseconds as a floating-point number, for reports.
    @inlinable public var milliseconds: Double { Double(nanoseconds) / 1e6 }

    @inlinable public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
    @inlinable public static func + (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan { TimeSpan(nanoseconds: lhs.nanoseconds + rhs.nanoseconds) }
    @inlinable public static func - (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan { TimeSpan(nanoseconds: lhs.nanoseconds - rhs.nanoseconds) }
    @inlinable public static func * (lhs: TimeSpan, rhs: Int64) -> TimeSpan { TimeSpan(nanoseconds: lhs.nanoseconds * rhs) }
    @inlinable public static func += (lhs: inout TimeSpan, rhs: TimeSpan) { lhs = lhs + rhs }

    /// The canonical human form, e.g. `250ms`, `1.5s`, `90s`, `2h`; see `TimeSpan+Parsing.swift`.
    public var description: String { formatted() }
}
