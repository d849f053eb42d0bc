/// `--format table|json|csv` of commands that print a `RunReport`.
enum ReportFormat: String, CaseIterable, Sendable {
    /// Aligned text for people.
    case table
    /// One indented JSON document.
    case json
    /// A header line and one row.
    case csv

    /// The value kind to declare an option with.
    static var valueKind: ValueKind { .choice(allCases.map(\.rawValue)) }
}
