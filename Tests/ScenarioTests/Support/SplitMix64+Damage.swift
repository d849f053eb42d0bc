import Randomness

/// Damaging a file's bytes the way editors, truncated copies and bad merges
/// do, for the robustness tests of every reader (JSON5 models, nginx.conf).
extension SplitMix64 {
    /// One random change: a flipped bit, a byte replaced by or bytes inserted
    /// from `interesting`, a few bytes deleted, the rest cut off, or a slice
    /// duplicated elsewhere.
    mutating func damage(_ bytes: inout [UInt8], insertingFrom interesting: [UInt8]) {
        let position = below(bytes.count + 1)
        switch below(6) {
        case 0 where position < bytes.count:
            bytes[position] ^= UInt8(1) << UInt8(below(8))  // flip a bit
        case 1 where position < bytes.count:
            bytes[position] = pick(interesting)
        case 2:
            let end = min(bytes.count, position + 1 + below(8))
            bytes.removeSubrange(position..<end)
        case 3:
            bytes.insert(contentsOf: (0...below(3)).map { _ in pick(interesting) }, at: position)
        case 4:
            bytes.removeSubrange(position...)  // truncate
        default:
            let end = min(bytes.count, position + below(20))
            bytes.insert(contentsOf: bytes[position..<end], at: below(bytes.count + 1))  // duplicate a slice
        }
    }
}
