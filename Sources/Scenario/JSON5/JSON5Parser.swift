/// Reads JSON5 (https://spec.json5.org, version 1.0.0) from UTF-8 bytes into a
/// `JSON5Value` tree where every value, key and error has a line and column.
///
/// Why not Foundation's `JSONDecoder.allowsJSON5`: its errors carry no position
/// ("not valid JSON"), and users must be told `models/x.json5:12:7`. This is a
/// recursive-descent parser over bytes; it stops at the first syntax error.
/// It never traps: invalid UTF-8, truncation and nesting deeper than
/// `maximumDepth` are errors with a position.
///
/// Where this parser is stricter than the spec: duplicate keys are an error
/// naming both places (a model with two `keepalive:` lines is a mistake, and
/// JSON5 leaves the winner unspecified), and `\u` escapes that leave a UTF-16
/// surrogate unpaired are an error (Swift strings cannot hold them).
///
/// The grammar, split by topic: values, objects and arrays here;
/// whitespace and comments in `+Trivia`; strings in `+Strings`; numbers in
/// `+Numbers`; unquoted keys and literal names in `+Identifiers`; the byte
/// cursor and UTF-8 decoding in `+Input`.
public struct JSON5Parser {
    /// Objects and arrays may nest this deep by default; a model needs perhaps 6.
    public static let defaultMaximumDepth = 128

    /// Parses a whole document: one value, with optional whitespace and comments around it.
    public static func parse(
        _ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth
    ) throws(JSON5SyntaxError) -> JSON5Value {
        var parser = JSON5Parser(bytes: bytes, maximumDepth: maximumDepth)
        return try parser.parseDocument()
    }

    public static func parse(
        _ text: String, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSON5SyntaxError) -> JSON5Value {
        try parse(Array(text.utf8), maximumDepth: maximumDepth)
    }

    let bytes: [UInt8]
    let maximumDepth: Int
    /// The cursor: a byte offset and the line and column it is at.
    var index = 0
    var line = 1
    var column = 1
    /// The keys and indices leading to the value being read, for error paths.
    var path: [FieldPath.Component] = []

    private init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func parseDocument() throws(JSON5SyntaxError) -> JSON5Value {
        try skipTrivia()
        let value = try parseValue(depth: 0)
        try skipTrivia()
        if !isAtEnd {
            throw error("expected the end of the document after the top-level value, found \(try found())")
        }
        return value
    }

    /// Reads a value at the cursor (trivia already skipped). `depth` counts the
    /// objects and arrays around it.
    mutating func parseValue(depth: Int) throws(JSON5SyntaxError) -> JSON5Value {
        let start = location
        guard let byte = peekByte() else { throw error("expected a value, found end of input") }
        switch byte {
        case ASCII.openBrace: return try parseObject(depth: depth + 1)
        case ASCII.openBracket: return try parseArray(depth: depth + 1)
        case ASCII.doubleQuote, ASCII.singleQuote: return JSON5Value(.string(try parseString()), at: start)
        case ASCII.minus, ASCII.plus, ASCII.dot, ASCII.zero...ASCII.nine:
            return JSON5Value(.number(try parseNumber()), at: start)
        default: return try parseNamedValue()
        }
    }

    private mutating func parseObject(depth: Int) throws(JSON5SyntaxError) -> JSON5Value {
        let start = location
        try checkDepth(depth)
        advanceASCII()  // {
        var members: [JSON5Member] = []
        // Only looked up, never iterated: member order comes from `members`.
        var firstKeyLocations: [String: SourceLocation] = [:]
        while true {
            try skipTrivia()
            if peekByte() == ASCII.closeBrace {  // also after a trailing comma
                advanceASCII()
                return JSON5Value(.object(members), at: start)
            }
            let keyLocation = location
            let key = try parseKey()
            if let first = firstKeyLocations[key] {
                throw error("duplicate key '\(key)' (first defined at \(first))", at: keyLocation)
            }
            firstKeyLocations[key] = keyLocation
            try skipTrivia()
            guard peekByte() == ASCII.colon else { throw error("expected ':' after key '\(key)', found \(try found())") }
            advanceASCII()
            try skipTrivia()
            path.append(.key(key))
            let value = try parseValue(depth: depth)
            path.removeLast()
            members.append(JSON5Member(key: key, keyLocation: keyLocation, value: value))
            try skipTrivia()
            switch peekByte() {
            case ASCII.comma:
                advanceASCII()
            case ASCII.closeBrace:
                advanceASCII()
                return JSON5Value(.object(members), at: start)
            default:
                throw error("expected ',' or '}' after object member, found \(try found())" + unclosedNote("object", start))
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSON5SyntaxError) -> JSON5Value {
        let start = location
        try checkDepth(depth)
        advanceASCII()  // [
        var elements: [JSON5Value] = []
        while true {
            try skipTrivia()
            if peekByte() == ASCII.closeBracket {  // also after a trailing comma
                advanceASCII()
                return JSON5Value(.array(elements), at: start)
            }
            if peekByte() == ASCII.comma { throw error("expected a value or ']', found ','") }
            path.append(.index(elements.count))
            elements.append(try parseValue(depth: depth))
            path.removeLast()
            try skipTrivia()
            switch peekByte() {
            case ASCII.comma:
                advanceASCII()
            case ASCII.closeBracket:
                advanceASCII()
                return JSON5Value(.array(elements), at: start)
            default:
                throw error("expected ',' or ']' after array element, found \(try found())" + unclosedNote("array", start))
            }
        }
    }

    /// An object key: a quoted string or an unquoted name (`keepalive`, `$ref`, `café`).
    private mutating func parseKey() throws(JSON5SyntaxError) -> String {
        switch peekByte() {
        case ASCII.doubleQuote, ASCII.singleQuote:
            return try parseString()
        default:
            guard try isAtIdentifierStart() else {
                throw error("expected a key (a name or a quoted string) or '}', found \(try found())")
            }
            return try parseIdentifier().name
        }
    }

    /// Deep nesting is refused before it can exhaust the stack.
    private func checkDepth(_ depth: Int) throws(JSON5SyntaxError) {
        if depth > maximumDepth { throw error("objects and arrays are nested more than \(maximumDepth) deep") }
    }

    /// At the end of the input, say which bracket was left open: the real mistake is usually far above.
    private func unclosedNote(_ container: String, _ start: SourceLocation) -> String {
        isAtEnd ? " (the \(container) starting at \(start) is not closed)" : ""
    }
}
