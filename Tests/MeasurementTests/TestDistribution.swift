import Randomness
import Foundation

/// Value shapes the histogram must handle: latencies of every scale, plus the
/// edges of its layout (exact small values, values near `Int64.max`).
enum TestDistribution: CaseIterable {
    case uniform
    case exponential
    case heavyTailed
    case constant
    case tiny
    case huge
    case allMagnitudes

    /// `count` values drawn with `generator`. `tiny` stays below `exactBelow`.
    func values(count: Int, exactBelow: Int64, using generator: inout SplitMix64) -> [Int64] {
        let constant = Int64(generator.next(below: 1 << 40))
        return (0..<count).map { _ in
            switch self {
            case .uniform:
                return Int64(generator.next(below: 1_000_000_000))
            case .exponential:
                // Mean 2 ms: service times and think times.
                return Int64(-log(1 - generator.nextUnit()) * 2e6)
            case .heavyTailed:
                // Pareto with shape 1.1 from 10 µs: a few enormous outliers.
                let value = 10_000 * pow(1 - generator.nextUnit(), -1 / 1.1)
                return value >= 9e18 ? Int64.max : Int64(value)
            case .constant:
                return constant
            case .tiny:
                return Int64(generator.next(below: UInt64(exactBelow)))
            case .huge:
                return Int64.max - Int64(generator.next(below: 1 << 50))
            case .allMagnitudes:
                return Int64(generator.next() >> UInt64(generator.next(in: 1...63)))
            }
        }
    }
}
