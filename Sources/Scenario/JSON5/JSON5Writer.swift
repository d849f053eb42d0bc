/// Prints a value tree as canonical JSON5: the same tree always gives the same
/// bytes, and `JSON5Parser` reads them back to an equal tree.
///
/// Style: 2-space indentation; keys unquoted when they are plain ASCII names,
/// otherwise double-quoted; strings double-quoted with escapes; integers as
/// integers, other numbers in Swift's shortest round-trip form, `Infinity`,
/// `-Infinity`, `NaN`; members and elements in the tree's order, one per line,
/// no trailing commas; arrays of scalars on one line when they fit in
/// `maximumInlineWidth` columns; a member's `comment` as `// ` lines above it
/// and its `trailingComment` as `// ` after it on its last line.
public struct JSON5Writer: Sendable {
    public var indentation = "  "
    /// The widest line an array of scalars may make before it is split one element per line.
    public var maximumInlineWidth = 100
    /// Also keep small objects on one line (`{ mean: "5ms" }`) when they fit in
    /// `maximumInlineWidth` and carry no comments; off by default.
    public var inlinesSmallObjects = false

    public init() {}

    /// The document text, ending with a newline. `header` becomes `// ` lines at the top.
    public func string(for value: JSON5Value, header: String? = nil) -> String {
        var output = ""
        if let header { appendComment(header, indent: "", to: &output) }
        append(value, indent: "", lineWidthSoFar: 0, to: &output)
        output += "\n"
        return output
    }

    private func append(_ value: JSON5Value, indent: String, lineWidthSoFar: Int, to output: inout String) {
        switch value.kind {
        case .null, .bool, .number, .string:
            output += JSON5Writer.scalarText(value)
        case .array(let elements):
            if elements.isEmpty {
                output += "[]"
                return
            }
            if elements.allSatisfy(\.isScalar) {
                let inline = "[" + elements.map(JSON5Writer.scalarText).joined(separator: ", ") + "]"
                if lineWidthSoFar + inline.unicodeScalars.count + 1 <= maximumInlineWidth {
                    output += inline
                    return
                }
            }
            let inner = indent + indentation
            output += "[\n"
            for (position, element) in elements.enumerated() {
                output += inner
                append(element, indent: inner, lineWidthSoFar: inner.count, to: &output)
                output += position == elements.count - 1 ? "\n" : ",\n"
            }
            output += indent + "]"
        case .object(let members):
            if members.isEmpty {
                output += "{}"
                return
            }
            if inlinesSmallObjects, let inline = inlineText(value), lineWidthSoFar + inline.unicodeScalars.count + 1 <= maximumInlineWidth {
                output += inline
                return
            }
            let inner = indent + indentation
            output += "{\n"
            for (position, member) in members.enumerated() {
                if let comment = member.comment { appendComment(comment, indent: inner, to: &output) }
                let prefix = inner + JSON5Writer.keyText(member.key) + ": "
                output += prefix
                append(member.value, indent: inner, lineWidthSoFar: prefix.unicodeScalars.count, to: &output)
                if position < members.count - 1 { output += "," }
                if let trailing = member.trailingComment {
                    output += " // " + trailing.split(whereSeparator: \.isNewline).joined(separator: " ")
                }
                output += "\n"
            }
            output += indent + "}"
        }
    }

    /// A value on one line, when it has no comments: `{ exponential: { mean: "5ms" } }`.
    private func inlineText(_ value: JSON5Value) -> String? {
        switch value.kind {
        case .array(let elements):
            var parts: [String] = []
            for element in elements {
                guard let text = inlineText(element) else { return nil }
                parts.append(text)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            var parts: [String] = []
            for member in members {
                guard member.comment == nil, member.trailingComment == nil, let text = inlineText(member.value) else { return nil }
                parts.append(JSON5Writer.keyText(member.key) + ": " + text)
            }
            return "{ " + parts.joined(separator: ", ") + " }"
        default:
            return JSON5Writer.scalarText(value)
        }
    }

    private func appendComment(_ comment: String, indent: String, to output: inout String) {
        for line in comment.split(separator: "\n", omittingEmptySubsequences: false) {
            output += line.isEmpty ? indent + "//\n" : indent + "// " + line + "\n"
        }
    }

    /// A scalar as printed: numbers in canonical form whatever their spelling in the file.
    static func scalarText(_ value: JSON5Value) -> String {
        switch value.kind {
        case .number(let number): number.canonicalLiteral
        default: value.description
        }
    }

    /// A key as printed: bare when it is an ASCII name that is not a literal word, quoted otherwise.
    static func keyText(_ key: String) -> String {
        let isPlainName = key.utf8.first.map(ASCII.isNameStart) == true && key.utf8.allSatisfy(ASCII.isNamePart)
        // JSON5 allows `null: 1`, but other readers may not: quote the literal words.
        let isLiteralWord = ["null", "true", "false", "Infinity", "NaN"].contains(key)
        return isPlainName && !isLiteralWord ? key : quoted(key)
    }

    /// A double-quoted JSON5 string. Control characters, U+2028 and U+2029 are
    /// escaped (the latter two end lines in JavaScript); everything else is written as is.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{2028}", "\u{2029}", "\u{0}"..."\u{1F}", "\u{7F}":
                output += "\\u" + ASCII.hex(scalar.value, width: 4)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}

extension JSON5Value {
    /// Not an object or array.
    var isScalar: Bool {
        switch kind {
        case .array, .object: false
        default: true
        }
    }
}
