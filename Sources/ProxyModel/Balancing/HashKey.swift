/// The key of a `hash KEY` upstream for one request, as its CRC-32 and length.
///
/// Build it from the key's bytes (`HashKey("/some/uri")`) or, to keep strings
/// out of a simulation's hot path, from a checksum computed once
/// (`HashKey(crc32:byteCount:)`). The length matters: nginx re-hashes an
/// unusable pick by prefixing the key with the attempt number ("1", "2", ...)
/// and the checksum of that longer key is derived with `CRC32.combine`.
public struct HashKey: Hashable, Sendable {
    /// CRC-32 of the key's bytes.
    public let crc32: UInt32
    /// The key's length in bytes. 0 means an empty key: nginx then falls back to round robin.
    public let byteCount: Int

    public init(crc32: UInt32, byteCount: Int) {
        self.crc32 = crc32
        self.byteCount = max(0, byteCount)
    }

    public init<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        self.init(crc32: CRC32.checksum(bytes), byteCount: bytes.count)
    }

    /// The key as UTF-8 text, e.g. a URI or `$remote_addr`.
    public init(_ text: String) { self.init(bytes: Array(text.utf8)) }

    /// No key: the balancer uses round robin (`hp->key.len == 0`).
    public static let empty = HashKey(crc32: 0, byteCount: 0)

    public var isEmpty: Bool { byteCount == 0 }

    /// CRC-32 of the decimal text of `rehash` followed by the key: the
    /// checksum `ngx_http_upstream_get_hash_peer` computes on its
    /// `rehash`-th try (the prefix is omitted on the first, `rehash == 0`).
    public func checksum(rehash: UInt64) -> UInt32 {
        if rehash == 0 { return crc32 }
        var register = CRC32.initial
        var divisor: UInt64 = 1
        while divisor <= rehash / 10 { divisor *= 10 }
        var rest = rehash
        while divisor > 0 {
            register = CRC32.update(register, UInt8(48 + rest / divisor))
            rest %= divisor
            divisor /= 10
        }
        return CRC32.combine(CRC32.finish(register), crc32, secondLength: byteCount)
    }
}
