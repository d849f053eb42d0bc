/// Where `LatencyHistogram` puts each value: a log-linear ("HDR-style")
/// bucketing of all non-negative `Int64` values with a fixed relative width.
///
/// With `p` significant bits and `S = 2^p` (the "sub-bucket count"):
/// - a value `v < S` has a bucket of its own (index `v`, width 1): exact;
/// - a value `v >= S` has magnitude `m = floor(log2 v)` (so `m >= p`). Keep
///   its top `p` bits: `shift = m - p + 1` (>= 1) and `top = v >> shift`,
///   which lies in `[S/2, S)`. Its bucket index is `shift * (S/2) + top` and
///   the bucket holds `[top << shift, (top + 1) << shift)`: width `2^shift`.
///
/// The indices are contiguous: `S - 1` is followed by `S` (shift 1, top S/2),
/// and the last index of one shift is followed by the first of the next.
/// Every bucket at or above `S` has `width / lowerBound <= 2^shift / (S/2 *
/// 2^shift) = 2/S`. `Int64.max` (`m = 62`) lands in the last bucket, index
/// `(63 - p) * S/2 + S - 1`, so `bucketCount = (65 - p) * S/2`:
/// 28,160 buckets (220 KiB of `UInt64` counts) for the default `p = 10`,
/// 1.6 million (12.3 MiB) for `p = 16`.
public struct HistogramLayout: Hashable, Sendable {
    /// Significant bits `p` kept of every value; the relative error of a
    /// reported percentile is at most `1 / 2^p` (see `LatencyHistogram`).
    public let significantBits: Int

    /// The precisions a histogram may be built with.
    public static let supportedSignificantBits = 4...16
    /// Three significant decimal digits: relative error at most 1/1024.
    public static let defaultSignificantBits = 10

    /// `S = 2^p`: values below it are recorded exactly.
    public var exactBelow: Int64 { 1 << Int64(significantBits) }

    /// Number of buckets needed to cover `0...Int64.max`.
    public var bucketCount: Int { (65 - significantBits) << (significantBits - 1) }

    /// The layout for `significantBits`, or an error naming the valid range.
    public init(significantBits: Int) throws(HistogramError) {
        guard Self.supportedSignificantBits.contains(significantBits) else {
            throw .significantBitsOutOfRange(given: significantBits, valid: Self.supportedSignificantBits)
        }
        self.significantBits = significantBits
    }

    /// The default layout (`p = 10`).
    public init() { significantBits = Self.defaultSignificantBits }

    /// The bucket of `value`; `value` must be non-negative (the histogram
    /// clamps negatives to 0 before asking).
    @inlinable
    public func bucketIndex(for value: Int64) -> Int {
        let p = significantBits
        if value < (1 << Int64(p)) { return Int(truncatingIfNeeded: value) }
        let magnitude = 63 - value.leadingZeroBitCount
        let shift = magnitude - p + 1
        let top = Int(truncatingIfNeeded: value >> Int64(shift))
        return shift << (p - 1) + top
    }

    /// The smallest value in bucket `index`.
    public func lowerBound(ofBucket index: Int) -> Int64 {
        let p = significantBits
        if index < (1 << p) { return Int64(index) }
        let half = 1 << (p - 1)
        let shift = index / half - 1
        let top = Int64(index % half + half)
        return top << Int64(shift)
    }

    /// The number of distinct values bucket `index` holds: 1 below `S`,
    /// `2^shift` above.
    public func width(ofBucket index: Int) -> Int64 {
        let p = significantBits
        if index < (1 << p) { return 1 }
        return 1 << Int64(index >> (p - 1) - 1)
    }

    /// The largest value in bucket `index` (inclusive). Computed as
    /// `lower + (width - 1)` so that the last bucket ends at `Int64.max`
    /// without overflowing.
    public func upperBound(ofBucket index: Int) -> Int64 {
        lowerBound(ofBucket: index) + (width(ofBucket: index) - 1)
    }

    /// The value reported for bucket `index`: `lower + width / 2`, the
    /// midpoint rounded up (for width 1, the value itself).
    public func midpoint(ofBucket index: Int) -> Int64 {
        lowerBound(ofBucket: index) + width(ofBucket: index) / 2
    }
}
