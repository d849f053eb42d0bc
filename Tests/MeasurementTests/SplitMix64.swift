import Randomness

/// Helpers on Randomness's SplitMix64 for property tests: every seed gives
/// the same sequence on every machine, so a failing seed can be replayed.
extension SplitMix64 {
    /// Uniform in `0..<bound` (bound > 0); the modulo bias is irrelevant here.
    mutating func next(below bound: UInt64) -> UInt64 { next() % bound }

    /// Uniform in `range`.
    mutating func next(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next(below: UInt64(range.upperBound - range.lowerBound + 1)))
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
