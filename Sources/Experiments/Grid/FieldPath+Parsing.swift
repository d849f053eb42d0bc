import Scenario

extension FieldPath {
    /// Reads a path as `FieldPath.description` prints it: names joined by dots,
    /// array indices and keys that are not plain names in brackets:
    /// `nginx.upstreams.api.keepalive`, `nginx.upstreams.api.servers[0].weight`,
    /// `nginx.locations["/"].proxy_pass`. Quoted keys take `"` or `'` and the
    /// escapes `\"`, `\'` and `\\`.
    public init(parsing text: String) throws(ExperimentError) {
        var reader = PathTextReader(text: Array(text.unicodeScalars), original: text)
        self.init(try reader.components())
    }
}

/// The cursor over a path's characters.
private struct PathTextReader {
    let text: [Unicode.Scalar]
    let original: String
    var index = 0

    mutating func components() throws(ExperimentError) -> [FieldPath.Component] {
        guard !text.isEmpty else { throw fail("the path is empty") }
        var components: [FieldPath.Component] = []
        var expectsName = true  // at the start and after a dot
        while index < text.count {
            let character = text[index]
            if character == "[" {
                index += 1
                components.append(try bracketed())
                expectsName = false
            } else if character == "." {
                guard !expectsName else { throw fail("a name is missing before the '.' at character \(index + 1)") }
                index += 1
                expectsName = true
                guard index < text.count else { throw fail("a name is missing after the last '.'") }
            } else {
                guard expectsName else { throw fail("expected '.' or '[' at character \(index + 1)") }
                components.append(.key(try name()))
                expectsName = false
            }
        }
        return components
    }

    /// Letters, digits, `_`, `-`, `$`: the keys a path writes bare.
    private mutating func name() throws(ExperimentError) -> String {
        let start = index
        while index < text.count, Self.isNameCharacter(text[index]) { index += 1 }
        guard index > start else {
            throw fail("'\(text[index])' at character \(index + 1) cannot start a name; quote such keys: [\"...\"]")
        }
        return String(String.UnicodeScalarView(text[start..<index]))
    }

    /// After `[`: an index `3]` or a quoted key `"/"]`.
    private mutating func bracketed() throws(ExperimentError) -> FieldPath.Component {
        guard index < text.count else { throw fail("'[' is not closed") }
        let component: FieldPath.Component
        if text[index] == "\"" || text[index] == "'" {
            component = .key(try quoted())
        } else {
            let start = index
            while index < text.count, ("0"..."9").contains(text[index]) { index += 1 }
            guard index > start, let value = Int(String(String.UnicodeScalarView(text[start..<index]))) else {
                throw fail("expected an array index such as [0] or a quoted key such as [\"/\"] at character \(start + 1)")
            }
            component = .index(value)
        }
        guard index < text.count, text[index] == "]" else { throw fail("expected ']' at character \(index + 1)") }
        index += 1
        return component
    }

    private mutating func quoted() throws(ExperimentError) -> String {
        let quote = text[index]
        index += 1
        var key = String.UnicodeScalarView()
        while index < text.count {
            let character = text[index]
            index += 1
            if character == quote { return String(key) }
            if character == "\\" {
                guard index < text.count else { break }
                key.append(text[index])
                index += 1
            } else {
                key.append(character)
            }
        }
        throw fail("a quoted key is not closed")
    }

    private func fail(_ problem: String) -> ExperimentError {
        ExperimentError("invalid path '\(original)': \(problem); write it as in the model file, e.g. "
            + "nginx.upstreams.api.keepalive or nginx.locations[\"/\"].proxy_http_version")
    }

    private static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-" || c == "$"
    }
}
