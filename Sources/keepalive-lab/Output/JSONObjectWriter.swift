/// Writes one flat JSON object with keys in the order they are added.
///
/// Hand-written rather than JSONSerialization/JSONEncoder, whose key order is
/// not under our control: reports must be byte-identical run to run.
struct JSONObjectWriter {
    private var members: [String] = []

    mutating func add(_ key: String, string value: String) {
        members.append(Self.quoted(key) + ": " + Self.quoted(value))
    }

    mutating func add(_ key: String, integer value: Int) {
        members.append(Self.quoted(key) + ": " + String(value))
    }

    mutating func add(_ key: String, unsigned value: UInt64) {
        members.append(Self.quoted(key) + ": " + String(value))
    }

    /// A number with fixed decimals; `null` when the value is not finite.
    mutating func add(_ key: String, number value: Double, fractionDigits: Int) {
        members.append(Self.quoted(key) + ": " + (NumberText.fixed(value, fractionDigits: fractionDigits) ?? "null"))
    }

    mutating func addNull(_ key: String) {
        members.append(Self.quoted(key) + ": null")
    }

    /// The object on one line, without a trailing newline.
    var text: String { "{" + members.joined(separator: ", ") + "}" }

    /// A JSON string literal (RFC 8259 section 7): quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
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
        return result + "\""
    }
}
