/// One step of reading an nginx.conf: a directive's words up to `;` or `{`,
/// a `}`, or the end of the file.
enum NginxConfStatement: Equatable {
    /// `words` (the name first); `line` is where the name is.
    case directive(words: [String], line: Int, opensBlock: Bool)
    case blockEnd(line: Int)
    case endOfFile(line: Int)
}

/// Splits an nginx.conf into statements with the grammar of nginx's own
/// reader, ngx_conf_read_token() in src/core/ngx_conf_file.c: words separated
/// by spaces, tabs and line breaks; `;` ends a directive, `{` opens a block,
/// `}` closes one; `#` at the start of a word comments out the rest of the
/// line; "double" and 'single' quoted words may hold any of these, with
/// `\"`, `\'`, `\\`, `\t`, `\r`, `\n` resolved (any other backslash is kept);
/// a backslash outside quotes escapes the next character; `${name}` keeps its
/// braces inside one word; a closing quote must be followed by a space, `;`
/// or `{`. Errors are nginx's own words.
struct NginxConfLexer {
    private let bytes: [UInt8]
    private let file: String
    private var position = 0
    private(set) var line = 1

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// The next statement, or nginx's error for the text at this point.
    mutating func next() throws(NginxConfError) -> NginxConfStatement {
        var words: [String] = []
        var firstLine = line
        var lastSpace = true, needSpace = false, quoted = false, variable = false
        var singleQuoted = false, doubleQuoted = false, comment = false
        var start = position

        while true {
            guard position < bytes.count else {
                if !words.isEmpty || !lastSpace {
                    throw error("unexpected end of file, expecting \";\" or \"}\"")
                }
                return .endOfFile(line: line)
            }
            let byte = bytes[position]
            position += 1
            if byte == ASCII.lineFeed {
                line += 1
                comment = false
            }
            if comment { continue }
            if quoted {
                quoted = false
                continue
            }
            if needSpace {
                if Self.isSpace(byte) {
                    lastSpace = true
                    needSpace = false
                    continue
                }
                switch byte {
                case ASCII.semicolon: return .directive(words: words, line: firstLine, opensBlock: false)
                case ASCII.openBrace: return .directive(words: words, line: firstLine, opensBlock: true)
                case ASCII.closeParenthesis:
                    lastSpace = true  // `if ($a = "b")`: nginx allows a parenthesis after a quote
                    needSpace = false
                    continue
                default: throw error("unexpected \"\(Self.character(byte))\"")
                }
            }
            if lastSpace {
                if Self.isSpace(byte) { continue }
                start = position - 1
                if words.isEmpty { firstLine = line }
                switch byte {
                case ASCII.semicolon, ASCII.openBrace:
                    if words.isEmpty { throw error("unexpected \"\(Self.character(byte))\"") }
                    return .directive(words: words, line: firstLine, opensBlock: byte == ASCII.openBrace)
                case ASCII.closeBrace:
                    if !words.isEmpty { throw error("unexpected \"}\"") }
                    return .blockEnd(line: line)
                case ASCII.hash:
                    comment = true
                    continue
                case ASCII.backslash:
                    quoted = true
                case ASCII.doubleQuote:
                    start += 1
                    doubleQuoted = true
                case ASCII.singleQuote:
                    start += 1
                    singleQuoted = true
                case ASCII.dollar:
                    variable = true
                default:
                    break
                }
                lastSpace = false
                continue
            }
            if byte == ASCII.openBrace && variable { continue }
            variable = false
            if byte == ASCII.backslash {
                quoted = true
                continue
            }
            if byte == ASCII.dollar {
                variable = true
                continue
            }
            var found = false
            if doubleQuoted {
                if byte == ASCII.doubleQuote { doubleQuoted = false; needSpace = true; found = true }
            } else if singleQuoted {
                if byte == ASCII.singleQuote { singleQuoted = false; needSpace = true; found = true }
            } else if Self.isSpace(byte) || byte == ASCII.semicolon || byte == ASCII.openBrace {
                lastSpace = true
                found = true
            }
            guard found else { continue }
            words.append(Self.unescaped(bytes[start..<(position - 1)]))
            if byte == ASCII.semicolon { return .directive(words: words, line: firstLine, opensBlock: false) }
            if byte == ASCII.openBrace { return .directive(words: words, line: firstLine, opensBlock: true) }
        }
    }

    /// A `#` comment right after the statement just read, on the same line
    /// (`server 127.0.0.1:18001;  # ...`), consumed; nil when the line goes on otherwise.
    mutating func trailingComment() -> String? {
        var index = position
        while index < bytes.count, bytes[index] == ASCII.space || bytes[index] == ASCII.tab { index += 1 }
        guard index < bytes.count, bytes[index] == ASCII.hash else { return nil }
        let start = index + 1
        while index < bytes.count, bytes[index] != ASCII.lineFeed { index += 1 }
        position = index
        return String(decoding: bytes[start..<index], as: UTF8.self).trimmingSpaces
    }

    /// A word's text as nginx copies it: `\"`, `\'`, `\\` lose the backslash,
    /// `\t`, `\r`, `\n` become the control characters, other backslashes stay.
    private static func unescaped(_ raw: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == ASCII.backslash, index + 1 < raw.endIndex {
                let next = raw[index + 1]
                switch next {
                case ASCII.doubleQuote, ASCII.singleQuote, ASCII.backslash: output.append(next); index += 2; continue
                case UInt8(ascii: "t"): output.append(ASCII.tab); index += 2; continue
                case UInt8(ascii: "r"): output.append(ASCII.carriageReturn); index += 2; continue
                case UInt8(ascii: "n"): output.append(ASCII.lineFeed); index += 2; continue
                default: break
                }
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func error(_ message: String) -> NginxConfError {
        NginxConfError(file: file, line: line, message: message)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.tab || byte == ASCII.carriageReturn || byte == ASCII.lineFeed
    }

    /// A byte as an error message shows it; a non-printable one in hex.
    private static func character(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + ASCII.hex(UInt32(byte), width: 2)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) ?? first
        return String(scalars[first...last])
    }
}
