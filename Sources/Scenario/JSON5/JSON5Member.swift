/// One `key: value` entry of a JSON5 object, in file order.
public struct JSON5Member: Sendable, CustomStringConvertible {
    public var key: String
    /// Where the key starts (its opening quote, or its first character when unquoted).
    public var keyLocation: SourceLocation
    public var value: JSON5Value
    /// Printed by `JSON5Writer` as `// ...` lines above the member (e.g. "default"
    /// notes from `--print-model`). The parser never sets it: comments in files are discarded.
    public var comment: String?
    /// Printed by `JSON5Writer` as `// ...` at the end of the member's (last) line,
    /// e.g. `seed: 1, // default`. One line: line breaks in it print as spaces.
    public var trailingComment: String?

    public init(
        key: String, keyLocation: SourceLocation = .unknown, value: JSON5Value, comment: String? = nil,
        trailingComment: String? = nil
    ) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
        self.comment = comment
        self.trailingComment = trailingComment
    }

    public var description: String { "\(key): \(value)" }
}

extension JSON5Member: Equatable {
    /// Key and value; not where they were written, nor comments.
    public static func == (lhs: JSON5Member, rhs: JSON5Member) -> Bool {
        lhs.key == rhs.key && lhs.value == rhs.value
    }
}
