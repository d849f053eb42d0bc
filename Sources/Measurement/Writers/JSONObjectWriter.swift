/// Builds one JSON object with its keys in the order they are added.
///
/// ```swift
/// var object = JSONObjectWriter()
/// object.add("events", integer: 1000)
/// object.add("seconds", number: 0.25, fractionDigits: 3)
/// object.text  // {"events": 1000, "seconds": 0.250}
/// ```
public struct JSONObjectWriter: Sendable {
    public private(set) var members: [JSONMember] = []

    public init() {}

    public mutating func add(_ key: String, _ value: JSONValue) {
        members.append(JSONMember(key, value))
    }

    public mutating func add(_ key: String, string value: String) { add(key, .string(value)) }

    public mutating func add(_ key: String, integer value: some BinaryInteger) { add(key, .integer(value)) }

    /// A number with fixed decimals; `null` when missing or not finite.
    public mutating func add(_ key: String, number value: Double?, fractionDigits: Int) {
        add(key, .decimal(value, fractionDigits: fractionDigits))
    }

    public mutating func add(_ key: String, bool value: Bool) { add(key, .bool(value)) }

    public mutating func addNull(_ key: String) { add(key, .null) }

    public mutating func add(_ key: String, object: JSONObjectWriter) { add(key, object.value) }

    public mutating func add(_ key: String, array: [JSONValue]) { add(key, .array(array)) }

    /// The object as a value, to nest it or put it in an array.
    public var value: JSONValue { .object(members) }

    /// The object on one line, without a trailing newline.
    public var text: String { value.compactText }

    /// The object indented over several lines, without a trailing newline.
    public var prettyText: String { value.prettyText }
}
