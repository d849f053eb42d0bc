/// An option that takes no value, e.g. `--quiet`; present or absent.
struct FlagDefinition: Sendable {
    /// The kebab-case long name without dashes; also the key for `ParsedArguments.flag(_:)`.
    var name: String
    /// An optional one-letter short name.
    var short: Character? = nil
    /// One sentence for help.
    var help: String

    /// How the flag is written in messages, e.g. `--quiet`.
    var spelling: String { "--\(name)" }
}
