import Randomness

/// Helpers on Randomness's SplitMix64 for property tests, so a failing case
/// is reproduced from its printed seed on any machine and Swift version.
extension SplitMix64 {
    /// Uniform in 0..<bound (bound > 0); the slight modulo bias does not matter here.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// True with probability `numerator`/`denominator`.
    mutating func chance(_ numerator: Int, in denominator: Int) -> Bool { below(denominator) < numerator }

    mutating func pick<T>(_ options: [T]) -> T { options[below(options.count)] }
}
