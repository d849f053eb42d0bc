/// A JSON document built in code and written with its members in the order
/// they were added: the one JSON writer of the tool (reports, benchmark
/// results, `--events` lines).
///
/// Hand-written rather than JSONSerialization/JSONEncoder, whose key order and
/// number formatting are not under our control: outputs must be byte-identical
/// run to run. Numbers are stored as the text to print, so that each writer
/// chooses its decimals once (`decimal(_:fractionDigits:)`).
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// A number as JSON text (`12`, `0.500`); build it with `integer` or `decimal`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// An exact integer.
    public static func integer(_ value: some BinaryInteger) -> JSONValue { .number(String(value)) }

    /// A number with exactly `fractionDigits` decimals; `null` when missing or not finite.
    public static func decimal(_ value: Double?, fractionDigits: Int) -> JSONValue {
        guard let value, let text = NumberText.fixed(value, fractionDigits: fractionDigits) else { return .null }
        return .number(text)
    }

    /// The whole value on one line, members separated by `, `: `{"a": 1, "b": [2, 3]}`.
    /// No trailing newline.
    public var compactText: String {
        var text = ""
        writeCompact(into: &text)
        return text
    }

    /// The value over several lines, each member on its own line, indented by
    /// two spaces per level (as `jq` prints); empty containers stay `{}` and `[]`.
    /// No trailing newline.
    public var prettyText: String {
        var text = ""
        writePretty(into: &text, depth: 0)
        return text
    }

    /// A JSON string literal (RFC 8259 section 7): quotes, backslashes and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var result = "\""
        appendQuoted(text, to: &result)
        return result + "\""
    }

    // MARK: Writing

    private static func appendQuoted(_ text: String, to result: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
    }

    /// Scalars are written the same way in both layouts.
    private func writeScalar(into text: inout String) {
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .number(let literal): text += literal
        case .string(let value): text += Self.quoted(value)
        case .array, .object: preconditionFailure("containers are written by their layout")
        }
    }

    private func writeCompact(into text: inout String) {
        switch self {
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += ", " }
                element.writeCompact(into: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { text += ", " }
                text += Self.quoted(member.key) + ": "
                member.value.writeCompact(into: &text)
            }
            text += "}"
        default:
            writeScalar(into: &text)
        }
    }

    private func writePretty(into text: inout String, depth: Int) {
        let inner = String(repeating: "  ", count: depth + 1)
        let outer = String(repeating: "  ", count: depth)
        switch self {
        case .array(let elements):
            guard !elements.isEmpty else { text += "[]"; return }
            text += "[\n"
            for (index, element) in elements.enumerated() {
                text += inner
                element.writePretty(into: &text, depth: depth + 1)
                text += index + 1 < elements.count ? ",\n" : "\n"
            }
            text += outer + "]"
        case .object(let members):
            guard !members.isEmpty else { text += "{}"; return }
            text += "{\n"
            for (index, member) in members.enumerated() {
                text += inner + Self.quoted(member.key) + ": "
                member.value.writePretty(into: &text, depth: depth + 1)
                text += index + 1 < members.count ? ",\n" : "\n"
            }
            text += outer + "}"
        default:
            writeScalar(into: &text)
        }
    }
}

/// One `"key": value` of a JSON object.
public struct JSONMember: Equatable, Sendable {
    public var key: String
    public var value: JSONValue
    public init(_ key: String, _ value: JSONValue) { self.key = key; self.value = value }
}
