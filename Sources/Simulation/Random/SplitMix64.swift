/// SplitMix64 (Steele, Lea, Flood 2014; Vigna's reference constants): a tiny
/// generator used only to expand seeds. Every 64-bit input gives a
/// well-mixed, distinct output, so nearby seeds (1, 2, 3) yield unrelated
/// streams.
public struct SplitMix64: Sendable {
    public var state: UInt64

    @inlinable
    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The finaliser on its own: a bijective 64-bit mix.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
