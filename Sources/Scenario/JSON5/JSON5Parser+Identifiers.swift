/// Unquoted names: object keys (`keepalive`, `$ref`, `café`) and the literal
/// values `null`, `true`, `false`, `Infinity`, `NaN` (JSON5 spec, section 3:
/// ECMAScript 5.1 IdentifierName, including `\uXXXX` escapes).
extension JSON5Parser {
    /// True when the cursor is at a character that can start a name.
    func isAtIdentifierStart() throws(JSON5SyntaxError) -> Bool {
        guard let byte = peekByte() else { return false }
        if byte < 0x80 {
            return ASCII.isNameStart(byte) || byte == ASCII.backslash
        }
        guard let (scalar, _) = try peekScalar() else { return false }
        return JSON5Parser.isIdentifierStart(scalar)
    }

    /// True when the cursor is at a character that can continue a name
    /// (used to refuse `12px` or `truex` as values).
    func isAtIdentifierPart() throws(JSON5SyntaxError) -> Bool {
        guard let byte = peekByte() else { return false }
        if byte < 0x80 {
            if ASCII.isDigit(byte) { return true }
            return try isAtIdentifierStart()
        }
        guard let (scalar, _) = try peekScalar() else { return false }
        return JSON5Parser.isIdentifierPart(scalar)
    }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return ASCII.isNameStart(UInt8(scalar.value)) }
        return scalar.properties.isIDStart
    }

    static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return ASCII.isNamePart(UInt8(scalar.value)) }
        // ZWNJ and ZWJ are allowed inside names (ECMAScript 5.1, section 7.6).
        return scalar.properties.isIDContinue || scalar == "\u{200C}" || scalar == "\u{200D}"
    }

    /// Reads a name at the cursor (the caller checked `isAtIdentifierStart`).
    /// `hadEscape` tells `\u006Eull` apart from `null`: an escaped word is never a literal.
    mutating func parseIdentifier() throws(JSON5SyntaxError) -> (name: String, hadEscape: Bool) {
        var name = String.UnicodeScalarView()
        var hadEscape = false
        while let byte = peekByte() {
            let characterStart = location
            let scalar: Unicode.Scalar
            if byte == ASCII.backslash {
                advanceASCII()
                guard peekByte() == UInt8(ascii: "u") else {
                    throw error("invalid escape in a name: only '\\uXXXX' is allowed", at: characterStart)
                }
                advanceASCII()
                let code = try hexDigits(count: 4, after: "\\u", escapeStart: characterStart)
                guard let escaped = Unicode.Scalar(code),
                    name.isEmpty ? JSON5Parser.isIdentifierStart(escaped) : JSON5Parser.isIdentifierPart(escaped)
                else {
                    throw error("the escaped character cannot be part of a name; put the key in quotes", at: characterStart)
                }
                scalar = escaped
                hadEscape = true
            } else {
                guard let (next, length) = try peekScalar(),
                    name.isEmpty ? JSON5Parser.isIdentifierStart(next) : JSON5Parser.isIdentifierPart(next)
                else { break }
                scalar = next
                advanceScalar(length: length)
            }
            name.append(scalar)
        }
        return (String(name), hadEscape)
    }

    /// A value written as a bare word: `null`, `true`, `false`, `Infinity`, `NaN`.
    /// Anything else is most likely a string missing its quotes.
    mutating func parseNamedValue() throws(JSON5SyntaxError) -> JSON5Value {
        let start = location
        guard try isAtIdentifierStart() else { throw error("expected a value, found \(try found())") }
        let (word, hadEscape) = try parseIdentifier()
        if !hadEscape {
            switch word {
            case "null": return JSON5Value(.null, at: start)
            case "true": return JSON5Value(.bool(true), at: start)
            case "false": return JSON5Value(.bool(false), at: start)
            case "Infinity", "NaN": return JSON5Value(.number(namedNumber(word, negative: false, literal: word)), at: start)
            default: break
            }
        }
        throw error("unexpected '\(word)'; expected a value (strings need quotes: \"\(word)\")", at: start)
    }
}
