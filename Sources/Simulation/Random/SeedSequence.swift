/// Expands one master seed into named, independent random streams.
///
/// Each subsystem asks for its own stream by name ("arrivals",
/// "service.app", "worker-assignment") and, where there are many of a kind,
/// an index. A stream's seed depends only on (master seed, replication,
/// name, index), so adding a draw — or a whole new stream — in one place
/// never shifts the numbers another place sees. The replication number gives
/// independent replications of a run, while the same replication of two
/// what-if variants draws the same numbers (common random numbers).
public struct SeedSequence: Hashable, Sendable {
    public var masterSeed: UInt64
    public var replication: UInt64

    public init(masterSeed: UInt64, replication: UInt64 = 0) {
        self.masterSeed = masterSeed
        self.replication = replication
    }

    /// The stream named `name` (and `index`, for one of many).
    public func stream(named name: String, index: UInt64 = 0) -> RandomStream {
        RandomStream(seed: seed(named: name, index: index))
    }

    /// The 64-bit seed of a stream: each component is mixed in through
    /// SplitMix64's bijective finaliser, so distinct inputs give unrelated seeds.
    public func seed(named name: String, index: UInt64 = 0) -> UInt64 {
        var h = SplitMix64.mix(masterSeed ^ 0x6B65_6570_616C_6976)  // "keepaliv"
        h = SplitMix64.mix(h ^ SplitMix64.mix(replication &+ 0x9E37_79B9_7F4A_7C15))
        h = SplitMix64.mix(h ^ Self.fnv1a(name))
        h = SplitMix64.mix(h ^ SplitMix64.mix(index &+ 0x632B_E59B_D9B4_E019))
        return h
    }

    /// FNV-1a over the name's UTF-8 bytes: stable across processes, unlike `hashValue`.
    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
