/// Why a histogram could not be built or merged.
public enum HistogramError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `LatencyHistogram(significantBits:)` with a precision outside the supported range.
    case significantBitsOutOfRange(given: Int, valid: ClosedRange<Int>)
    /// `merge(_:)` of histograms with different precisions: their buckets do not line up.
    case precisionMismatch(receiver: Int, other: Int)

    public var description: String {
        switch self {
        case let .significantBitsOutOfRange(given, valid):
            return "histogram precision of \(given) significant bits is not supported; "
                + "use \(valid.lowerBound)...\(valid.upperBound) (10 gives a relative error of 1/1024)"
        case let .precisionMismatch(receiver, other):
            return "cannot merge a histogram of \(other) significant bits into one of \(receiver): "
                + "both must be built with the same precision"
        }
    }
}
