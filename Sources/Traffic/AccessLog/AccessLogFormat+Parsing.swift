/// Reading a `log_format` from the text a user gives: a predefined name
/// (`combined`), the format itself, or what follows `log_format NAME` in an
/// nginx.conf (optional `escape=`, then one or more quoted strings that
/// nginx concatenates), with or without the `log_format NAME` and the `;`.
extension AccessLogFormat {
    public struct FormatError: Error, CustomStringConvertible, Sendable, Equatable {
        public var message: String
        public var description: String { message }
    }

    public init(parsing text: String) throws(FormatError) {
        var rest = Substring(text.trimmingASCIISpaces())
        if rest == "combined" { rest = Substring(Self.combinedText) }
        if rest.hasPrefix("log_format") && rest.dropFirst("log_format".count).first.map(Self.isSpace) == true {
            // `log_format NAME ...`: the name is not part of the format.
            rest = rest.dropFirst("log_format".count).drop(while: Self.isSpace).drop { !Self.isSpace($0) }.drop(while: Self.isSpace)
        }
        if rest.hasSuffix(";") { rest = rest.dropLast().trimmingSpacesAtEnd() }
        var escaping = Escaping.default
        if rest.hasPrefix("escape=") {
            let word = rest.prefix { !Self.isSpace($0) }
            guard let chosen = Escaping(rawValue: String(word.dropFirst("escape=".count))) else {
                throw FormatError(message: "unknown \(word); nginx's log_format takes escape=default, escape=json or escape=none")
            }
            escaping = chosen
            rest = rest.dropFirst(word.count).drop(while: Self.isSpace)
        }
        let body = rest.first == "'" || rest.first == "\"" ? try Self.unquoted(rest) : String(rest)
        guard !body.isEmpty else {
            throw FormatError(message: "the log format is empty; give nginx's log_format text, e.g. '\(Self.combinedText)', or combined")
        }
        self.init(segments: try Self.segments(of: Array(body.utf8)), escaping: escaping)
    }

    static func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }

    /// nginx.conf strings one after another (`'...' "..."`), with nginx's
    /// escapes (`\"`, `\'`, `\\`, `\t`, `\r`, `\n`; `ngx_conf_read_token`), concatenated.
    static func unquoted(_ text: Substring) throws(FormatError) -> String {
        var out = "", i = text.startIndex
        while i < text.endIndex {
            let quote = text[i]
            guard quote == "'" || quote == "\"" else {
                throw FormatError(message: "unexpected \(text[i...].prefix(20)) after a quoted string; "
                    + "a log_format is quoted strings separated by spaces, e.g. '$remote_addr ' '\"$request\"'")
            }
            i = text.index(after: i)
            var closed = false
            while i < text.endIndex {
                let c = text[i]
                i = text.index(after: i)
                if c == quote { closed = true; break }
                if c == "\\", i < text.endIndex {
                    let next = text[i]
                    i = text.index(after: i)
                    switch next {
                    case "t": out.append("\t")
                    case "r": out.append("\r")
                    case "n": out.append("\n")
                    case "\"", "'", "\\": out.append(next)
                    default: out.append("\\"); out.append(next)
                    }
                    continue
                }
                out.append(c)
            }
            guard closed else { throw FormatError(message: "the log format has an unclosed \(quote) quote") }
            while i < text.endIndex, isSpace(text[i]) { i = text.index(after: i) }
        }
        return out
    }

    /// Literal runs and `$name` / `${name}` variables (`ngx_http_log_compile_format`).
    static func segments(of bytes: [UInt8]) throws(FormatError) -> [Segment] {
        var segments: [Segment] = [], literal: [UInt8] = [], i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "$") else { literal.append(bytes[i]); i += 1; continue }
            let braced = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "{")
            var end = i + (braced ? 2 : 1)
            let start = end
            while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
            let name = String(decoding: bytes[start..<end], as: UTF8.self)
            if braced {
                guard end < bytes.count, bytes[end] == UInt8(ascii: "}") else {
                    throw FormatError(message: "the variable at byte \(i + 1) of the log format lacks its closing }")
                }
            }
            guard !name.isEmpty else {
                throw FormatError(message: "a $ at byte \(i + 1) of the log format is not followed by a variable name "
                    + "(letters, digits, _), as nginx requires")
            }
            if !literal.isEmpty { segments.append(.literal(literal)); literal = [] }
            if case .variable(let previous)? = segments.last {
                throw FormatError(message: "$\(previous.name) and $\(name) have no text between them, "
                    + "so a line cannot be split between their values; nginx's formats separate variables with text")
            }
            segments.append(.variable(AccessLogVariable(name: name)))
            i = end + (braced ? 1 : 0)
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return segments
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
    }
}

extension String {
    func trimmingASCIISpaces() -> Substring { Substring(self).trimmingASCIISpaces() }
}

extension Substring {
    func trimmingASCIISpaces() -> Substring {
        drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).trimmingSpacesAtEnd()
    }

    func trimmingSpacesAtEnd() -> Substring {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard self[before] == " " || self[before] == "\t" || self[before] == "\n" || self[before] == "\r" else { break }
            end = before
        }
        return self[startIndex..<end]
    }
}
