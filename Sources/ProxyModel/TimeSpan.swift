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
    @inlinable public static func microseconds(_ n: Int64) -> TimeSpan { TimeSpan(nanoseconds: saturatingProduct(n, 1_000)) }
    @inlinable public static func milliseconds(_ n: Int64) -> TimeSpan { TimeSpan(nanoseconds: saturatingProduct(n, 1_000_000)) }
    @inlinable public static func seconds(_ n: Int64) -> TimeSpan { TimeSpan(nanoseconds: saturatingProduct(n, 1_000_000_000)) }
    @inlinable public static func minutes(_ n: Int64) -> TimeSpan { .seconds(saturatingProduct(n, 60)) }
    @inlinable public static func hours(_ n: Int64) -> TimeSpan { .seconds(saturatingProduct(n, 3_600)) }

    /// The longest duration a model file (or a `--vary` value) may give: 365
    /// days. Every sum the simulator forms adds a handful of model durations
    /// to an instant within run.duration + run.drain, so it stays below
    /// 20 x 365 days, far inside Int64's ~106,751 days; the saturating
    /// operators below are the safety net, not the rule a run relies on.
    public static let modelMaximum = TimeSpan(nanoseconds: 365 * 86_400_000_000_000)

    /// Nanoseconds from a floating-point count (a sampled or computed time),
    /// clamped to the range instead of trapping; NaN counts as zero.
    @inlinable
    public init(clampingNanoseconds nanoseconds: Double) {
        if nanoseconds.isNaN { self.init(nanoseconds: 0); return }
        // 9.2e18 is the largest round Double below Int64.max (2^63 itself does not convert).
        self.init(nanoseconds: nanoseconds >= 9.2e18 ? .max : nanoseconds <= -9.2e18 ? .min : Int64(nanoseconds))
    }
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
    // Arithmetic saturates at Int64's ends instead of trapping: the one rule for
    // time in the code base (see `modelMaximum` and models/README.md "Durations").
    @inlinable public static func + (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan {
        TimeSpan(nanoseconds: saturatingSum(lhs.nanoseconds, rhs.nanoseconds))
    }
    @inlinable public static func - (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan {
        TimeSpan(nanoseconds: saturatingDifference(lhs.nanoseconds, rhs.nanoseconds))
    }
    @inlinable public static func * (lhs: TimeSpan, rhs: Int64) -> TimeSpan {
        TimeSpan(nanoseconds: saturatingProduct(lhs.nanoseconds, rhs))
    }
    @inlinable public static func += (lhs: inout TimeSpan, rhs: TimeSpan) { lhs = lhs + rhs }

    /// `a + b`, or the end of Int64's range it overflows toward.
    @inlinable
    public static func saturatingSum(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        // An overflowing sum has the sign opposite to the operands' (both share it).
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    /// `a - b`, or the end of Int64's range it overflows toward.
    @inlinable
    public static func saturatingDifference(_ a: Int64, _ b: Int64) -> Int64 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b < 0 ? .max : .min) : difference
    }

    /// `a * b`, or the end of Int64's range it overflows toward.
    @inlinable
    public static func saturatingProduct(_ a: Int64, _ b: Int64) -> Int64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? ((a < 0) == (b < 0) ? .max : .min) : product
    }

    /// The canonical human form, e.g. `250ms`, `1.5s`, `90s`, `2h`; see `TimeSpan+Parsing.swift`.
    public var description: String { formatted() }
}
