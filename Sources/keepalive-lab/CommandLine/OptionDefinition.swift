/// An option that takes a value: `--events 1000`, `--events=1000` or `-n 1000`.
struct OptionDefinition: Sendable {
    /// The kebab-case long name without dashes, e.g. `events`; also the key for `ParsedArguments`.
    var name: String
    /// An optional one-letter short name, e.g. `n` for `-n`.
    var short: Character? = nil
    /// The placeholder in usage and help (`--events N`); nil uses the kind's own (`text|json` for choices).
    var valueName: String? = nil
    /// What the value must be; the parser converts to it and names what is accepted on failure.
    var kind: ValueKind
    /// The value used when the option is absent, written as a user would type it (help shows it);
    /// nil means the option is simply absent.
    var defaultValue: String? = nil
    /// Whether the option may be given several times (each value is kept, in order).
    var isRepeatable: Bool = false
    /// One sentence for help.
    var help: String

    /// The placeholder shown after the option name.
    var displayedValueName: String { valueName ?? kind.defaultValueName }

    /// How the option is written in messages, e.g. `--events`.
    var spelling: String { "--\(name)" }
}
