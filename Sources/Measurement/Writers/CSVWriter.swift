/// CSV as RFC 4180 writes it: fields separated by commas, a field quoted when
/// it holds a comma, a quote or a line break (quotes doubled inside), lines
/// ended by `\n`. A missing value is an empty field, which pandas and R read as NA.
public enum CSVWriter {
    /// One field, quoted only when it must be.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    /// One line: the fields, separated by commas, and a newline.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation's `replacingOccurrences` without Foundation).
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
