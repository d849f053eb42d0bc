import ProxyModel

/// Building canonical value trees: one spelling per kind of value, the one
/// the readers accept (durations as `"250ms"`, TLS as `"1.3"`, ...).
extension JSON5Value {
    static func duration(_ span: TimeSpan) -> JSON5Value { JSON5Value(.string(span.formatted())) }
    static func number(_ value: Double) -> JSON5Value { JSON5Value(.number(JSON5Number(value))) }
    static func integer(_ value: Int) -> JSON5Value { JSON5Value(.number(JSON5Number(value))) }
    static func text(_ value: String) -> JSON5Value { JSON5Value(.string(value)) }
    static func boolean(_ value: Bool) -> JSON5Value { JSON5Value(.bool(value)) }
    static func array(_ elements: [JSON5Value]) -> JSON5Value { JSON5Value(.array(elements)) }

    /// An object of `(key, value)` pairs in order; a `defaultNote` is said when the
    /// member turns out not to be written (see `DefaultMarking`).
    static func object(_ members: [JSON5Member]) -> JSON5Value { JSON5Value(.object(members)) }
}

extension JSON5Member {
    /// A member whose `// default` mark, if the file does not write it, says `note`
    /// (e.g. `profile node-20`). The note rides in `trailingComment` until
    /// `DefaultMarking` decides.
    init(_ key: String, _ value: JSON5Value, defaultNote: String? = nil) {
        self.init(key: key, value: value, trailingComment: defaultNote)
    }
}

/// Marks what a model file does not write: compares the canonical tree with
/// the tree read from the file and comments every member the file lacks.
enum DefaultMarking {
    /// `canonical` with each member absent from `written` commented `// default`
    /// (plus its note) — at the end of its line for a one-line value, above it for
    /// an object or array — and every other note dropped.
    static func mark(_ canonical: JSON5Value, written: JSON5Value?) -> JSON5Value {
        var result = canonical
        switch canonical.kind {
        case .object(let members):
            result.kind = .object(members.map { member in
                var member = member
                let writtenValue: JSON5Value?
                switch written?.kind {
                case .object?: writtenValue = written?[member.key]
                // A shorthand (a server written as its address, a constant as its value)
                // wrote the member that holds the same value.
                case .some(let kind) where member.value.kind == kind: writtenValue = written
                default: writtenValue = nil
                }
                if let writtenValue {
                    member.value = mark(member.value, written: writtenValue)
                    member.trailingComment = nil
                } else {
                    markDefault(&member)
                }
                return member
            })
        case .array(let elements):
            let writtenElements: [JSON5Value]
            if case .array(let values)? = written?.kind, values.count == elements.count { writtenElements = values } else { writtenElements = elements }
            result.kind = .array(zip(elements, writtenElements).map { mark($0, written: $1) })
        default:
            break
        }
        return result
    }

    private static func markDefault(_ member: inout JSON5Member) {
        let text = "default" + (member.trailingComment.map { " (\($0))" } ?? "")
        member.value = droppingNotes(member.value)
        if member.value.fitsOnOneLine {
            member.trailingComment = text
        } else {
            member.trailingComment = nil
            member.comment = member.comment.map { $0 + "\n" + text } ?? text
        }
    }

    /// Inside a value that is a default as a whole, its members need no marks of their own.
    private static func droppingNotes(_ value: JSON5Value) -> JSON5Value {
        var result = value
        switch value.kind {
        case .object(let members):
            result.kind = .object(members.map { member in
                var member = member
                member.trailingComment = nil
                member.value = droppingNotes(member.value)
                return member
            })
        case .array(let elements):
            result.kind = .array(elements.map(droppingNotes))
        default:
            break
        }
        return result
    }
}

extension JSON5Value {
    /// A scalar, an empty container, or an array of scalars (the writer keeps short ones on one line).
    var fitsOnOneLine: Bool {
        switch kind {
        case .object(let members): return members.isEmpty
        case .array(let elements): return elements.allSatisfy(\.isScalar)
        default: return true
        }
    }
}
