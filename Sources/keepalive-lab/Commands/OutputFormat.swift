/// `--format text|json`: human-readable lines or one machine-readable JSON object.
enum OutputFormat: String, CaseIterable, Sendable {
    case text
    case json

    /// The value kind to declare an option with.
    static var valueKind: ValueKind { .choice(allCases.map(\.rawValue)) }
}
