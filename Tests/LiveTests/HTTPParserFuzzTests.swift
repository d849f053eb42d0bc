import Testing
import Live
import ProxyModel
import Randomness

/// Seeded, bounded fuzzing of the HTTP reader. Each case has its own seed,
/// printed when it fails, so `caseSeed` reproduces it alone.
@Suite struct HTTPParserFuzzTests {
    static let masterSeed: UInt64 = 0x4B45_4550_414C_4956

    @Test func validMessagesParseIdenticallyWhereverTheBytesAreSplit() {
        for index in 0..<250 {
            let caseSeed = Self.masterSeed &+ UInt64(index)
            var random = RandomStream(seed: caseSeed)
            let (bytes, kind, expectedBodies) = ValidMessageGenerator.messages(using: &random)
            let whole = read(bytes, kind: kind)
            guard whole.error == nil, whole.messages.map(\.body) == expectedBodies else {
                Issue.record("seed \(caseSeed): valid input parsed as \(whole.error.map(String.init(describing:)) ?? "bodies \(whole.messages.map(\.body.count))"), expected bodies \(expectedBodies.map(\.count)): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                return
            }
            for cut in 0...bytes.count where read(bytes, kind: kind, cuts: [cut]) != whole {
                Issue.record("seed \(caseSeed): split at byte \(cut) parsed differently: \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                return
            }
            guard read(bytes, kind: kind, cuts: Array(0...bytes.count)) == whole else {
                Issue.record("seed \(caseSeed): byte-by-byte parse differs")
                return
            }
        }
    }

    @Test func mutatedAndRandomBytesGiveAResultOrATypedErrorIndependentOfSplits() {
        for index in 0..<1_500 {
            let caseSeed = Self.masterSeed &+ 1_000_000 &+ UInt64(index)
            var random = RandomStream(seed: caseSeed)
            let kind: HTTPHead.Kind
            var bytes: [UInt8]
            if index % 3 == 0 {
                kind = random.next(below: 2) == 0 ? .request : .response
                bytes = (0..<Int(random.next(below: 300))).map { _ in Self.randomByte(using: &random) }
            } else {
                let generated = ValidMessageGenerator.messages(using: &random)
                kind = generated.kind
                bytes = Self.mutate(generated.bytes, using: &random)
            }
            // Small limits make the limit paths reachable too.
            let limits = HTTPLimits(maxHeadBytes: 64 + Int(random.next(below: 256)), maxFields: 1 + Int(random.next(below: 8)))
            let whole = read(bytes, kind: kind, limits: limits)
            let cuts = (0..<3).map { _ in Int(random.next(below: UInt64(bytes.count + 1))) }.sorted()
            guard read(bytes, kind: kind, cuts: cuts, limits: limits) == whole,
                  read(bytes, kind: kind, cuts: Array(0...bytes.count), limits: limits) == whole else {
                Issue.record("seed \(caseSeed): outcome depends on how the bytes were split (cuts \(cuts)): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                return
            }
        }
    }

    /// Bytes biased toward HTTP's own: delimiters, digits, letters, then anything.
    static func randomByte(using random: inout RandomStream) -> UInt8 {
        let alphabet = Array("\r\n :;,/.0123456789abcdefHTPGETOS-".utf8)
        return random.next(below: 4) == 0 ? UInt8(truncatingIfNeeded: random.next()) : alphabet[Int(random.next(below: UInt64(alphabet.count)))]
    }

    /// One to four edits: replace, insert, delete, or duplicate a run.
    static func mutate(_ input: [UInt8], using random: inout RandomStream) -> [UInt8] {
        var bytes = input
        for _ in 0...random.next(below: 4) {
            let position = Int(random.next(below: UInt64(bytes.count + 1)))
            switch random.next(below: 4) {
            case 0 where position < bytes.count: bytes[position] = randomByte(using: &random)
            case 1: bytes.insert(randomByte(using: &random), at: position)
            case 2 where position < bytes.count: bytes.remove(at: position)
            default:
                let length = Int(random.next(below: UInt64(bytes.count - position + 1)))
                bytes.insert(contentsOf: bytes[position..<position + length], at: position)
            }
        }
        return bytes
    }
}

/// Random valid HTTP/1.1 messages (1 to 3, pipelined) and their expected bodies.
enum ValidMessageGenerator {
    static func messages(using random: inout RandomStream) -> (bytes: [UInt8], kind: HTTPHead.Kind, bodies: [[UInt8]]) {
        let kind: HTTPHead.Kind = random.next(below: 2) == 0 ? .request : .response
        var bytes: [UInt8] = [], bodies: [[UInt8]] = []
        let count = 1 + Int(random.next(below: 3))
        for index in 0..<count {
            let body = (0..<Int(random.next(below: 40))).map { _ in UInt8(ascii: "a") + UInt8(random.next(below: 26)) }
            var head: String
            var bodyless = false
            if kind == .request {
                if random.next(below: 4) == 0 { head = "\r\n" } else { head = "" }
                let methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "CUSTOM-METHOD"]
                head += "\(methods[Int(random.next(below: UInt64(methods.count)))]) /\(token(using: &random))?q=\(index) HTTP/1.\(random.next(below: 2))\r\n"
                head += "Host: example.test\r\n"
            } else {
                let statuses = [200, 201, 204, 304, 404, 500, 503]
                let status = statuses[Int(random.next(below: UInt64(statuses.count)))]
                bodyless = status == 204 || status == 304
                head = "HTTP/1.\(random.next(below: 2)) \(status)\(random.next(below: 3) == 0 ? "" : " Some Reason")\r\n"
            }
            for _ in 0..<random.next(below: 4) {
                head += "X-\(token(using: &random)):\(random.next(below: 2) == 0 ? " " : "")v \(token(using: &random))\t\r\n"
            }
            if random.next(below: 3) == 0 { head += "Connection: keep-alive, Upgrade\r\n" }
            let framing = bodyless ? 3 : random.next(below: 3)
            var encoded: [UInt8] = []
            switch framing {
            case 0:
                head += "Content-Length: \(body.count)\r\n"
                encoded = body
            case 1:
                head += "Transfer-Encoding: chunked\r\n"
                encoded = chunked(body, using: &random)
            default:
                if kind == .response && !bodyless {
                    // Without a length a response runs to the close: only the last can.
                    if index == count - 1 { encoded = body } else {
                        head += "Content-Length: \(body.count)\r\n"
                        encoded = body
                    }
                } else if kind == .request {
                    // No framing: a request without a body.
                    bytes.append(contentsOf: (head + "\r\n").utf8); bodies.append([])
                    continue
                }
            }
            bytes.append(contentsOf: (head + "\r\n").utf8)
            bytes.append(contentsOf: encoded)
            bodies.append(bodyless ? [] : body)
            if kind == .response && framing == 2 && !bodyless && index == count - 1 { break }
        }
        return (bytes, kind, bodies)
    }

    static func token(using random: inout RandomStream) -> String {
        String((0..<1 + Int(random.next(below: 8))).map { _ in Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(random.next(below: 26)))) })
    }

    static func chunked(_ body: [UInt8], using random: inout RandomStream) -> [UInt8] {
        var output: [UInt8] = []
        var rest = body[...]
        while !rest.isEmpty {
            let size = 1 + Int(random.next(below: UInt64(rest.count)))
            let hex = String(size, radix: 16, uppercase: random.next(below: 2) == 0)
            output.append(contentsOf: "\(hex)\(random.next(below: 4) == 0 ? ";name=value" : "")\r\n".utf8)
            output.append(contentsOf: rest.prefix(size))
            output.append(contentsOf: "\r\n".utf8)
            rest = rest.dropFirst(size)
        }
        output.append(contentsOf: "0\r\n\(random.next(below: 3) == 0 ? "Trailer-Field: t\r\n" : "")\r\n".utf8)
        return output
    }
}
