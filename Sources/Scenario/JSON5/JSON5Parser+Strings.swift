/// Strings in single or double quotes, with escapes and line continuations (JSON5 spec, section 5).
extension JSON5Parser {
    /// Reads a quoted string at the cursor. An unterminated string is reported at
    /// its opening quote: the missing quote is usually at the end of that line.
    mutating func parseString() throws(JSON5SyntaxError) -> String {
        let start = location
        let quote = bytes[index]
        advanceASCII()
        var utf8: [UInt8] = []
        while true {
            guard let byte = peekByte() else { throw error("unterminated string", at: start) }
            switch byte {
            case quote:
                advanceASCII()
                return String(decoding: utf8, as: UTF8.self)
            case ASCII.backslash:
                try parseEscape(into: &utf8, stringStart: start)
            case ASCII.lineFeed, ASCII.carriageReturn:
                throw error(
                    "unterminated string (a string cannot contain a line break: write \\n, "
                        + "or end the line with a backslash to continue the string)", at: start)
            case ..<0x80:
                utf8.append(byte)
                advanceASCII()
            default:
                guard let (_, length) = try peekScalar() else { break }
                utf8.append(contentsOf: bytes[index..<index + length])
                advanceScalar(length: length)
            }
        }
    }

    /// Reads one escape sequence (cursor at the backslash) and appends what it stands for.
    private mutating func parseEscape(into utf8: inout [UInt8], stringStart: SourceLocation) throws(JSON5SyntaxError) {
        let escapeStart = location
        advanceASCII()  // the backslash
        guard let byte = peekByte() else { throw error("unterminated string", at: stringStart) }
        func append(_ scalar: Unicode.Scalar) { utf8.append(contentsOf: String(scalar).utf8) }
        switch byte {
        case UInt8(ascii: "b"): append("\u{08}"); advanceASCII()
        case UInt8(ascii: "f"): append("\u{0C}"); advanceASCII()
        case UInt8(ascii: "n"): append("\n"); advanceASCII()
        case UInt8(ascii: "r"): append("\r"); advanceASCII()
        case UInt8(ascii: "t"): append("\t"); advanceASCII()
        case UInt8(ascii: "v"): append("\u{0B}"); advanceASCII()
        case ASCII.zero:
            advanceASCII()
            if let next = peekByte(), ASCII.isDigit(next) {
                throw error("invalid escape: '\\0' must not be followed by a digit (octal escapes are not allowed)", at: escapeStart)
            }
            append("\u{0}")
        case UInt8(ascii: "1")...ASCII.nine:
            throw error("invalid escape '\\\(Character(Unicode.Scalar(byte)))': digits cannot be escaped", at: escapeStart)
        case UInt8(ascii: "x"):
            advanceASCII()
            append(Unicode.Scalar(UInt8(try hexDigits(count: 2, after: "\\x", escapeStart: escapeStart))))
        case UInt8(ascii: "u"):
            advanceASCII()
            append(try unicodeEscape(escapeStart: escapeStart))
        case ASCII.lineFeed, ASCII.carriageReturn:
            advanceLineBreak()  // a line continuation: stands for nothing
        case ..<0x80:
            append(Unicode.Scalar(byte))  // any other character escapes to itself: \' \" \\ \/ \a
            advanceASCII()
        default:
            guard let (scalar, length) = try peekScalar() else { break }
            if scalar != "\u{2028}" && scalar != "\u{2029}" { append(scalar) }  // U+2028/9 continue the line
            advanceScalar(length: length)
        }
    }

    /// After `\u`: four hex digits; a high surrogate must be followed by `\u` and a low one.
    private mutating func unicodeEscape(escapeStart: SourceLocation) throws(JSON5SyntaxError) -> Unicode.Scalar {
        let first = try hexDigits(count: 4, after: "\\u", escapeStart: escapeStart)
        switch first {
        case 0xD800...0xDBFF:
            let unpairedSurrogate = error(
                "unpaired UTF-16 surrogate '\\u\(ASCII.hex(first, width: 4))': "
                    + "it must be followed by a low surrogate '\\uDC00'...'\\uDFFF'", at: escapeStart)
            let lowStart = location
            guard peekByte() == ASCII.backslash, peekByte(1) == UInt8(ascii: "u") else {
                throw unpairedSurrogate
            }
            advanceASCII()
            advanceASCII()
            let second = try hexDigits(count: 4, after: "\\u", escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw unpairedSurrogate
            }
            // Cannot fail: the pair encodes U+10000...U+10FFFF.
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) ?? "\u{FFFD}"
        case 0xDC00...0xDFFF:
            throw error("unpaired UTF-16 surrogate '\\u\(ASCII.hex(first, width: 4))'", at: escapeStart)
        default:
            return Unicode.Scalar(first) ?? "\u{FFFD}"  // cannot fail outside the surrogate range
        }
    }

    /// Reads exactly `count` hexadecimal digits.
    mutating func hexDigits(count: Int, after escape: String, escapeStart: SourceLocation) throws(JSON5SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let byte = peekByte(), let digit = ASCII.hexValue(byte) else {
                throw error("invalid escape: expected \(count) hexadecimal digits after '\(escape)'", at: escapeStart)
            }
            value = value << 4 | digit
            advanceASCII()
        }
        return value
    }
}
