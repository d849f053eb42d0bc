/// Whitespace and comments between tokens (JSON5 spec, sections 6.1-6.2).
extension JSON5Parser {
    /// Skips whitespace, `// line` and `/* block */` comments.
    mutating func skipTrivia() throws(JSON5SyntaxError) {
        while let byte = peekByte() {
            switch byte {
            case ASCII.space, ASCII.tab, ASCII.verticalTab, ASCII.formFeed:
                advanceASCII()
            case ASCII.lineFeed, ASCII.carriageReturn:
                advanceLineBreak()
            case ASCII.slash:
                switch peekByte(1) {
                case ASCII.slash: try skipLineComment()
                case ASCII.star: try skipBlockComment()
                default: return  // a lone '/' is the caller's error
                }
            case 0x80...:
                guard let (scalar, length) = try peekScalar(), JSON5Parser.isWhitespace(scalar) else { return }
                advanceScalar(length: length)
            default:
                return
            }
        }
    }

    /// Non-ASCII whitespace: no-break space, byte order mark, line and paragraph
    /// separators, and every other space separator (category Zs).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xA0, 0xFEFF, 0x2028, 0x2029: true
        default: scalar.properties.generalCategory == .spaceSeparator
        }
    }

    /// `// ...` up to (not including) the line terminator or the end of input.
    private mutating func skipLineComment() throws(JSON5SyntaxError) {
        advanceASCII()
        advanceASCII()
        while let byte = peekByte(), byte != ASCII.lineFeed, byte != ASCII.carriageReturn {
            if byte < 0x80 {
                advanceASCII()
                continue
            }
            guard let (scalar, length) = try peekScalar() else { return }
            if scalar == "\u{2028}" || scalar == "\u{2029}" { return }  // also end a comment in JSON5
            advanceScalar(length: length)
        }
    }

    /// `/* ... */`; they do not nest. Unterminated, the error points at the opening `/*`.
    private mutating func skipBlockComment() throws(JSON5SyntaxError) {
        let start = location
        advanceASCII()
        advanceASCII()
        while let byte = peekByte() {
            switch byte {
            case ASCII.star where peekByte(1) == ASCII.slash:
                advanceASCII()
                advanceASCII()
                return
            case ASCII.lineFeed, ASCII.carriageReturn:
                advanceLineBreak()
            case ..<0x80:
                advanceASCII()
            default:
                guard let (_, length) = try peekScalar() else { break }
                advanceScalar(length: length)
            }
        }
        throw error("unterminated block comment: '/*' has no matching '*/'", at: start)
    }
}
