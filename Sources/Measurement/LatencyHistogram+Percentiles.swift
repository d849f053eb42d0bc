// `Double.rounded()` and `squareRoot()` compile to calls into libm
// (`ceil`, `sqrt`), which the standard library alone does not link on Linux:
// importing Glibc records libm for the linker, so every client links.
#if canImport(Glibc)
import Glibc
#endif

/// Percentiles by nearest rank.
///
/// Definition. For `N` recorded values and `q` in `[0, 100]`, the rank is
/// `r = max(1, ceil(q / 100 * N))` (see `nearestRank(percentile:count:)` for
/// the floating-point details). The reported value is the midpoint of the
/// bucket holding the `r`-th smallest value (`HistogramLayout.midpoint`),
/// clamped to `[min, max]`; ranks 1 and `N` report the exact `min` and `max`
/// (so q = 0 gives `min` and q = 100 gives `max`).
///
/// Precision. Let `x` be the exact `r`-th smallest value and `y` the report.
/// If `x < S = 2^p`, its bucket holds only `x`, so `y = x`. Otherwise its
/// bucket is `[L, L + 2^s - 1]` with `s >= 1` and `L = top * 2^s`,
/// `top >= S/2`, so `x >= L >= 2^(p - 1 + s)`. The midpoint is `L + 2^(s-1)`,
/// hence `|midpoint - x| <= 2^(s-1) = 2^(p-1+s) / 2^p <= x / 2^p`, and since
/// `2^(s-1)` is an integer, `|midpoint - x| <= x >> p`. Clamping to
/// `[min, max]`, an interval that contains `x`, can only move the report
/// closer to `x`. So always `|y - x| <= x >> p <= x / S`: a relative error of
/// at most `1/S` (1/1024 for the default `p = 10`), and none below `S`.
extension LatencyHistogram {
    /// The value at percentile `q` (0...100) by nearest rank, within `x >> p`
    /// of the exact value `x`; nil if the histogram is empty or `q` is not in
    /// `0...100` (NaN included). Cost: one pass over the buckets.
    public func percentile(_ q: Double) -> Int64? {
        guard let rank = Self.nearestRank(percentile: q, count: recordedCount) else { return nil }
        return value(atRank: rank)
    }

    /// The reported value of the `rank`-th smallest recorded value (1-based):
    /// exact `min` for rank 1, exact `max` for rank `count`, otherwise the
    /// midpoint of its bucket clamped to `[min, max]`. Nil if `rank` is not
    /// in `1...count`.
    public func value(atRank rank: UInt64) -> Int64? {
        guard rank >= 1, rank <= recordedCount else { return nil }
        if rank == 1 { return smallest }
        if rank == recordedCount { return largest }
        var seen: UInt64 = 0
        for index in bucketCounts.indices {
            seen &+= bucketCounts[index]
            if seen >= rank {
                return Swift.min(Swift.max(layout.midpoint(ofBucket: index), smallest), largest)
            }
        }
        return largest  // unreachable: the bucket counts add up to `count`
    }

    /// The nearest rank `max(1, ceil(q / 100 * count))` of percentile `q`,
    /// or nil if `count` is 0 or `q` is not in `0...100`.
    ///
    /// Computed in `Double` as `q * count / 100`. A product within a relative
    /// 1e-9 (and at most 0.001) of an integer is taken as that integer, so
    /// that decimal inputs such as 99.9 (not exactly representable) give the
    /// rank a person would compute by hand: 99.9% of 1000 values is rank 999,
    /// not 1000. The cap keeps the tolerance below one rank for any count.
    public static func nearestRank(percentile q: Double, count: UInt64) -> UInt64? {
        guard count > 0, q >= 0, q <= 100 else { return nil }  // also rejects NaN
        let exact = q * Double(count) / 100
        let nearestInteger = exact.rounded()
        let tolerance = Swift.min(1e-9 * Swift.max(1, exact), 1e-3)
        let ceiling = abs(exact - nearestInteger) <= tolerance ? nearestInteger : exact.rounded(.up)
        let rank = UInt64(Swift.min(ceiling, Double(count)))
        return Swift.max(1, rank)
    }
}
