import Randomness
import ProxyModel
import Testing

@Suite struct CRC32Tests {
    @Test func checksumMatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func combineEqualsTheChecksumOfTheConcatenation() {
        var random = SplitMix64(state: 7)
        for seed in 0..<200 {
            let a = (0..<random.next(below: 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let b = (0..<random.next(below: 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let combined = CRC32.combine(CRC32.checksum(a), CRC32.checksum(b), secondLength: b.count)
            #expect(combined == CRC32.checksum(a + b), "seed \(seed)")
        }
    }
}

@Suite struct HashKeyTests {
    @Test func rehashPrefixesTheKeyWithTheAttemptNumber() {
        // zlib.crc32(b"1/index.html"), b"12/index.html", b"123/index.html"
        let key = HashKey("/index.html")
        #expect(key.checksum(rehash: 0) == 0xEA22_4B42)
        #expect(key.checksum(rehash: 1) == 0x75FC_46AA)
        #expect(key.checksum(rehash: 12) == 0xAC2C_201D)
        #expect(key.checksum(rehash: 123) == 0x6255_9A3B)
    }
}
