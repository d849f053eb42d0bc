/// An IPv4 network written `a.b.c.d/len` (`10.0.0.0/8`): where a model's
/// clients' addresses come from, for `ip_hash` and `hash $remote_addr`.
public struct IPv4Network: Hashable, Sendable, CustomStringConvertible {
    /// The network address (host bits zero), `a << 24 | b << 16 | c << 8 | d`.
    public let base: UInt32
    /// The prefix length, 0-32.
    public let prefixLength: Int

    /// Reads `a.b.c.d/len`; nil when it is not that (octets 0-255, length 0-32).
    /// Host bits written in the address are cleared.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let length = Int(parts[1]), (0...32).contains(length),
              let address = Self.address(parts[0]) else { return nil }
        prefixLength = length
        base = address & Self.mask(length)
    }

    public init(base: UInt32, prefixLength: Int) {
        self.prefixLength = min(32, max(0, prefixLength))
        self.base = base & Self.mask(self.prefixLength)
    }

    /// Clients spread over a private /8 unless the model says otherwise.
    public static let modelDefault = IPv4Network(base: 10 << 24, prefixLength: 8)

    /// Addresses in the network.
    public var size: UInt64 { 1 << UInt64(32 - prefixLength) }

    /// The `index`-th host address: skips the network and broadcast
    /// addresses when the network has more than two.
    public func host(_ index: UInt64) -> UInt32 {
        let usable = size > 2 ? size - 2 : size
        let offset = size > 2 ? 1 + index % usable : index % usable
        return base &+ UInt32(truncatingIfNeeded: offset)
    }

    public var description: String { "\(Self.text(base))/\(prefixLength)" }

    /// `a.b.c.d`.
    public static func text(_ address: UInt32) -> String {
        "\(address >> 24).\(address >> 16 & 0xFF).\(address >> 8 & 0xFF).\(address & 0xFF)"
    }

    static func mask(_ length: Int) -> UInt32 { length == 0 ? 0 : UInt32.max << UInt32(32 - length) }

    static func address(_ text: Substring) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard octet.count <= 3, let n = UInt32(octet), n <= 255 else { return nil }
            value = value << 8 | n
        }
        return value
    }
}
