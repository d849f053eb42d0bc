import Randomness
import Scenario

/// Random value trees and random spellings of them, for property tests.
struct RandomJSON5 {
    var random: SplitMix64
    /// Only what Foundation's JSON5 reader also gets right (see the cross-check test):
    /// no NaN payload games, no exotic escapes or whitespace, no huge exponents.
    var foundationCompatible = false

    init(seed: UInt64, foundationCompatible: Bool = false) {
        random = SplitMix64(seed: seed)
        self.foundationCompatible = foundationCompatible
    }

    // MARK: Trees

    mutating func value(depth: Int = 0) -> JSON5Value {
        let containerChance = depth == 0 ? 10 : depth >= 4 ? 0 : 5
        switch random.below(10) {
        case ..<containerChance: return random.chance(1, in: 2) ? object(depth: depth) : array(depth: depth)
        case 4: return JSON5Value(.null)
        case 5: return JSON5Value(.bool(random.chance(1, in: 2)))
        case 6, 7: return JSON5Value(.number(number()))
        default: return JSON5Value(.string(string()))
        }
    }

    mutating func object(depth: Int) -> JSON5Value {
        var members: [JSON5Member] = []
        var used: Set<String> = []
        for _ in 0..<random.below(6) {
            let key = self.key()
            if used.insert(key).inserted { members.append(JSON5Member(key: key, value: value(depth: depth + 1))) }
        }
        return JSON5Value(.object(members))
    }

    mutating func array(depth: Int) -> JSON5Value {
        JSON5Value(.array((0..<random.below(6)).map { _ in value(depth: depth + 1) }))
    }

    mutating func number() -> JSON5Number {
        switch random.below(8) {
        case 0: return JSON5Number(Int64(random.below(100)))
        case 1: return JSON5Number(Int64(bitPattern: random.next()))
        case 2: return JSON5Number(Int64(random.below(2_000_001)) - 1_000_000)
        case 3:
            if foundationCompatible { return JSON5Number(Double(random.below(1_000_000)) / 1000) }
            return JSON5Number(Double(bitPattern: random.next()))  // anything: NaN, subnormals, huge
        case 4: return JSON5Number(random.pick([0.5, -0.25, 1e-7, 3.14159, 1e300, -2.5e-300, 6.02e23]))
        case 5:
            if foundationCompatible { return JSON5Number(Double(Int64(bitPattern: random.next()) >> 20) / 4096) }
            return JSON5Number(random.pick([Double.infinity, -Double.infinity, Double.nan, -0.0, 0.0]))
        case 6: return JSON5Number(random.pick([Int64.max, Int64.min, 9_007_199_254_740_993, 0]))
        default: return JSON5Number(Double(random.below(1 << 20)) * 1.5)
        }
    }

    mutating func key() -> String {
        switch random.below(4) {
        case 0: return random.pick(["keepalive", "servers", "max_fails", "$ref", "_x", "a1", "null", "true", "NaN"])
        case 1: return "k\(random.below(50))"
        default: return string(maximumLength: 8)
        }
    }

    mutating func string(maximumLength: Int = 12) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<random.below(maximumLength + 1) { scalars.append(scalar()) }
        return String(scalars)
    }

    mutating func scalar() -> Unicode.Scalar {
        let plain: [Unicode.Scalar] = ["a", "z", "A", "0", "9", " ", "_", "-", ".", ":", ",", "{", "}", "[", "]", "/", "*", "$"]
        let tricky: [Unicode.Scalar] = ["\"", "'", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}", "é", "ü", "中", "😀", "\u{2028}", "\u{2029}", "\u{0}", "\u{1F}", "\u{7F}", "\u{FEFF}", "\u{A0}"]
        let safeTricky: [Unicode.Scalar] = ["\"", "'", "\\", "\n", "\r", "\t", "é", "ü", "中", "😀", "/"]
        switch random.below(4) {
        case 0: return random.pick(foundationCompatible ? safeTricky : tricky)
        default: return random.pick(plain)
        }
    }

    // MARK: Spellings

    /// A document that means `value`, spelled with a random choice of JSON5's
    /// freedoms: comments, odd whitespace, quote styles, escapes, number forms, trailing commas.
    mutating func document(for value: JSON5Value) -> String {
        var text = trivia()
        spell(value, into: &text)
        return text + trivia()
    }

    private mutating func spell(_ value: JSON5Value, into text: inout String) {
        switch value.kind {
        case .null: text += "null"
        case .bool(let bool): text += bool ? "true" : "false"
        case .number(let number): text += spell(number)
        case .string(let string): text += quote(string)
        case .array(let elements):
            text += "[" + trivia()
            for (index, element) in elements.enumerated() {
                spell(element, into: &text)
                text += trivia()
                if index < elements.count - 1 || random.chance(1, in: 3) { text += "," + trivia() }
            }
            text += "]"
        case .object(let members):
            text += "{" + trivia()
            for (index, member) in members.enumerated() {
                text += spellKey(member.key) + trivia() + ":" + trivia()
                spell(member.value, into: &text)
                text += trivia()
                if index < members.count - 1 || random.chance(1, in: 3) { text += "," + trivia() }
            }
            text += "}"
        }
    }

    private mutating func trivia() -> String {
        var text = ""
        for _ in 0..<random.below(3) {
            switch random.below(foundationCompatible ? 6 : 9) {
            case 0: text += " "
            case 1: text += "\t"
            case 2: text += "\n"
            case 3: text += "\r\n"
            case 4: text += "// note \(random.below(9)) é\n"
            case 5: text += "/* block\n * " + random.pick(["", "*", "/", "\"", "'"]) + " */"
            case 6: text += "\u{A0}"
            case 7: text += random.pick(["\u{0B}", "\u{0C}", "\r", "\u{FEFF}"])
            default: text += random.pick(["\u{2028}", "\u{2029}", "\u{3000}"])
            }
        }
        return text
    }

    private mutating func spellKey(_ key: String) -> String {
        let isName = key.unicodeScalars.first.map { $0 == "$" || $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) } == true
            && key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "$") }
        if isName && random.chance(2, in: 3) { return key }
        return quote(key)
    }

    private mutating func quote(_ string: String) -> String {
        let quote: Unicode.Scalar = random.chance(1, in: 2) ? "\"" : "'"
        var text = String(quote)
        for scalar in string.unicodeScalars {
            switch scalar {
            case quote, "\\": text += "\\" + String(scalar)
            case "\n": text += random.chance(1, in: 2) ? "\\n" : "\\u000a"
            case "\r": text += "\\r"
            case "\t": text += random.chance(1, in: 2) ? "\\t" : "\\x09"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case "\u{0}": text += random.chance(1, in: 2) ? "\\x00" : "\\u0000"
            case _ where scalar.value < 0x20 || scalar == "\u{7F}":
                text += "\\u" + hex(scalar.value, width: 4)
            case _ where scalar.value > 0xFFFF && random.chance(1, in: 2):
                let offset = scalar.value - 0x10000
                text += "\\u" + hex(0xD800 + (offset >> 10), width: 4) + "\\u" + hex(0xDC00 + (offset & 0x3FF), width: 4)
            case _ where (scalar == "'" || scalar == "\"" || scalar == "/") && random.chance(1, in: 3):
                text += "\\" + String(scalar)  // a needless escape stands for the character
            default:
                if !foundationCompatible && scalar.isASCII && scalar.properties.isAlphabetic && random.chance(1, in: 20)
                    && !"bfnrtvxu".unicodeScalars.contains(scalar)
                {
                    text += "\\" + String(scalar)  // non-escape character: stands for itself
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
            if !foundationCompatible && random.chance(1, in: 25) { text += "\\\n" }  // a line continuation adds nothing
        }
        return text + String(quote)
    }

    private mutating func spell(_ number: JSON5Number) -> String {
        let double = number.double
        if double.isNaN { return random.pick(["NaN", "+NaN", "-NaN"]) }
        if double.isInfinite { return double > 0 ? random.pick(["Infinity", "+Infinity"]) : "-Infinity" }
        if let integer = number.int64 {
            let negative = integer < 0 || double.sign == .minus
            let magnitude = integer.magnitude
            let sign = negative ? "-" : random.pick(["", "+"])
            switch random.below(5) {
            case 0: return sign + "0x" + String(magnitude, radix: 16, uppercase: random.chance(1, in: 2))
            case 1 where magnitude < 1 << 53: return sign + String(magnitude) + "."
            case 2 where magnitude < 1 << 53: return sign + String(magnitude) + ".0e0"
            default: return sign + String(magnitude)
            }
        }
        let text = number.canonicalLiteral
        if text.hasPrefix("0.") && random.chance(1, in: 2) { return String(text.dropFirst()) }  // .5
        if text.hasPrefix("-0.") && random.chance(1, in: 2) { return "-" + String(text.dropFirst(2)) }  // -.5
        return text
    }

    private func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
