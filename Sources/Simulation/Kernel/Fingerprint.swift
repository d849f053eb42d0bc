/// A running hash of every event the kernel delivers: (time, kind, actor).
///
/// Two runs that delivered the same events in the same order at the same
/// times have the same fingerprint; any difference in order, timing or
/// routing changes it (with probability 1 - 2^-64). Tests compare
/// fingerprints to prove determinism, and golden fingerprints pin a
/// scenario's whole event history in one number.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The hash so far.
    public var value: UInt64 { state }
    @usableFromInline var state: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a's offset basis

    @inlinable
    public init() {}

    /// Absorbs one delivered event. Order-sensitive: each step multiplies the
    /// state before mixing in the next word.
    @inlinable @inline(__always)
    public mutating func absorb(time: Int64, kind: UInt32, actor: UInt32) {
        state = Self.step(state, UInt64(bitPattern: time))
        state = Self.step(state, UInt64(kind) << 32 | UInt64(actor))
    }

    @inlinable @inline(__always)
    static func step(_ state: UInt64, _ word: UInt64) -> UInt64 {
        // SplitMix64's finaliser spreads every input bit, then an FNV-style
        // multiply chains the words in order.
        var z = word &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return (state ^ z) &* 0x0000_0100_0000_01B3
    }

    /// 16 lowercase hex digits.
    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
