/// A JSON5 value with the position it was read from: the tree `JSON5Parser`
/// builds, `ValueReader` checks and `JSON5Writer` prints.
///
/// Objects keep their members in file order (a model's `upstreams` are listed in
/// the order the user wrote them) and never hold two members with the same key.
/// Equality compares content only, not locations or comments, so a document
/// equals the result of printing and re-reading it.
public struct JSON5Value: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case null
        case bool(Bool)
        case number(JSON5Number)
        case string(String)
        case array([JSON5Value])
        case object([JSON5Member])
    }

    public var kind: Kind
    /// Where the value starts: its first character (`{`, `[`, a quote, a sign or digit, a letter).
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation = .unknown) {
        self.kind = kind
        self.location = location
    }

    public static func == (lhs: JSON5Value, rhs: JSON5Value) -> Bool { lhs.kind == rhs.kind }

    /// The first member named `key`, when this is an object.
    public subscript(key: String) -> JSON5Value? {
        guard case .object(let members) = kind else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    /// The kind in words with an article, for messages: "an object", "a string", ...
    public var kindDescription: String {
        switch kind {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Compact single-line JSON5, for debugging; `JSON5Writer` prints documents.
    public var description: String {
        switch kind {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let number): number.literal
        case .string(let string): JSON5Writer.quoted(string)
        case .array(let elements): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .object(let members):
            "{" + members.map { JSON5Writer.keyText($0.key) + ": " + $0.value.description }.joined(separator: ", ") + "}"
        }
    }
}
