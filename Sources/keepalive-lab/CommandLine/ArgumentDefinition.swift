/// A positional argument, e.g. the `MODEL` of `simulate MODEL`.
struct ArgumentDefinition: Sendable {
    /// The key for `ParsedArguments`.
    var name: String
    /// The placeholder in usage and help, e.g. `MODEL`.
    var valueName: String
    /// What the value must be.
    var kind: ValueKind = .path
    /// Whether leaving it out is a usage error.
    var isRequired: Bool = true
    /// Whether it takes all remaining positional values (only the last argument may).
    var isRepeating: Bool = false
    /// One sentence for help.
    var help: String
}
