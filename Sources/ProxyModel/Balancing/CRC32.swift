/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum nginx's
/// `ngx_crc32_*` functions compute and the `hash` balancers are built on.
///
/// Written from the polynomial, not copied from nginx. `combine` lets a key be
/// given by its checksum and length alone: the checksum of `A + B` follows from
/// the checksums of `A` and `B` and the length of `B` (the GF(2) identity
/// zlib's `crc32_combine` uses), so re-hashing with a prefix needs no bytes.
public enum CRC32 {
    /// The register value before any byte (`ngx_crc32_init`).
    public static let initial: UInt32 = 0xFFFF_FFFF
    @usableFromInline static let polynomial: UInt32 = 0xEDB8_8320

    @usableFromInline
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ polynomial : c >> 1 }
        return c
    }

    /// Feeds one byte into a running register (`ngx_crc32_update`).
    @inlinable
    public static func update(_ register: UInt32, _ byte: UInt8) -> UInt32 {
        table[Int((register ^ UInt32(byte)) & 0xFF)] ^ (register >> 8)
    }

    /// Feeds bytes into a running register.
    @inlinable
    public static func update<Bytes: Sequence>(_ register: UInt32, _ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var r = register
        for b in bytes { r = update(r, b) }
        return r
    }

    /// The finished checksum of a register (`ngx_crc32_final`).
    @inlinable
    public static func finish(_ register: UInt32) -> UInt32 { register ^ 0xFFFF_FFFF }

    /// The checksum of a whole byte sequence (`ngx_crc32_long`).
    @inlinable
    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        finish(update(initial, bytes))
    }

    /// The checksum of `A + B` from `checksum(A)`, `checksum(B)` and `B`'s length.
    public static func combine(_ first: UInt32, _ second: UInt32, secondLength: Int) -> UInt32 {
        multiplyModP(powerOfX(bits: UInt64(secondLength) &* 8), first) ^ second
    }

    /// a * b modulo the CRC polynomial, both in reflected bit order
    /// (bit 31 is the coefficient of x^0).
    static func multiplyModP(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var product: UInt32 = 0
        var bBits = b
        var mask: UInt32 = 1 << 31
        while mask != 0 {
            if a & mask != 0 { product ^= bBits }
            mask >>= 1
            bBits = bBits & 1 != 0 ? (bBits >> 1) ^ polynomial : bBits >> 1
        }
        return product
    }

    /// x^bits modulo the polynomial, by square-and-multiply.
    static func powerOfX(bits: UInt64) -> UInt32 {
        var result: UInt32 = 1 << 31  // x^0
        var square: UInt32 = 1 << 30  // x^1
        var n = bits
        while n != 0 {
            if n & 1 != 0 { result = multiplyModP(square, result) }
            square = multiplyModP(square, square)
            n >>= 1
        }
        return result
    }
}
