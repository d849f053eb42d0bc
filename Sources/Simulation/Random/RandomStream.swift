/// One independent stream of pseudo-random numbers: xoshiro256**
/// (Blackman and Vigna 2018), 256 bits of state, period 2^256 - 1.
///
/// Our own generator and our own sampling, never the standard library's
/// `random(in:)` algorithms, which may change between Swift versions
/// (swift-linux-notes.md, determinism hazards): the same seed gives the same
/// numbers with any toolchain, forever.
public struct RandomStream: Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Seeds the 256-bit state from one 64-bit seed through SplitMix64, as
    /// the xoshiro authors recommend (the state is never all zero).
    @inlinable
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next(); s1 = seeder.next(); s2 = seeder.next(); s3 = seeder.next()
    }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    @inlinable @inline(__always)
    func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1): the top 53 bits as a Double.
    @inlinable @inline(__always)
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in (0, 1]: safe to take the logarithm of.
    @inlinable @inline(__always)
    public mutating func nextOpenUnitInterval() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// Uniform integer in 0..<bound (bound > 0), unbiased (Lemire 2019,
    /// multiply-and-reject).
    @inlinable
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }
}
