/// The byte cursor: peeking, consuming with line/column tracking, UTF-8 decoding, errors.
extension JSON5Parser {
    var location: SourceLocation { SourceLocation(line: line, column: column) }
    var isAtEnd: Bool { index >= bytes.count }

    func peekByte(_ offset: Int = 0) -> UInt8? {
        let position = index + offset
        return position < bytes.count ? bytes[position] : nil
    }

    /// Consumes one ASCII byte that is not a line break.
    mutating func advanceASCII() {
        index += 1
        column += 1
    }

    /// Consumes a line break: LF, CR, or CR LF as one.
    mutating func advanceLineBreak() {
        if bytes[index] == ASCII.carriageReturn, peekByte(1) == ASCII.lineFeed { index += 1 }
        index += 1
        line += 1
        column = 1
    }

    /// Consumes one scalar of `length` bytes that is not a line break.
    mutating func advanceScalar(length: Int) {
        index += length
        column += 1
    }

    /// The scalar at the cursor and its length in bytes, or nil at the end.
    /// Throws when the bytes there are not valid UTF-8.
    func peekScalar() throws(JSON5SyntaxError) -> (scalar: Unicode.Scalar, length: Int)? {
        if isAtEnd { return nil }
        guard let decoded = JSON5Parser.decodeUTF8(bytes, at: index) else {
            throw error("invalid UTF-8 (byte 0x\(ASCII.hex(UInt32(bytes[index]), width: 2))); model files must be UTF-8 text")
        }
        return decoded
    }

    /// Decodes one well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
    static func decodeUTF8(_ bytes: [UInt8], at start: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        let lead = bytes[start]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        // The allowed range of the second byte is what rules out overlong and surrogate encodings.
        let length: Int
        var secondLowest: UInt8 = 0x80
        var secondHighest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondLowest = 0xA0
        case 0xED: length = 3; secondHighest = 0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; secondLowest = 0x90
        case 0xF4: length = 4; secondHighest = 0x8F
        case 0xF1...0xF3: length = 4
        default: return nil
        }
        guard start + length <= bytes.count else { return nil }
        let second = bytes[start + 1]
        guard second >= secondLowest, second <= secondHighest else { return nil }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let byte = bytes[start + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// What the cursor is at, for "..., found X" in messages.
    func found() throws(JSON5SyntaxError) -> String {
        guard let (scalar, _) = try peekScalar() else { return "end of input" }
        return JSON5Parser.describe(scalar)
    }

    static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n", "\r": return "a line break"
        case " ": return "a space"
        case "\t": return "a tab"
        case "'": return "\"'\""
        default:
            let isVisible = scalar.value > 0x20 && scalar.value != 0x7F
                && scalar.properties.generalCategory != .spaceSeparator
                && scalar.properties.generalCategory != .control && scalar.properties.generalCategory != .format
            if isVisible { return "'\(Character(scalar))'" }
            return "U+" + ASCII.hex(scalar.value, width: 4)
        }
    }

    /// An error at `location` (the cursor unless given), with the current field path.
    func error(_ message: String, at location: SourceLocation? = nil) -> JSON5SyntaxError {
        JSON5SyntaxError(location: location ?? self.location, path: FieldPath(path), message: message)
    }
}
