/// Options several commands share, defined once so that they read and
/// behave the same everywhere.
extension OptionDefinition {
    /// `--seed S` for a benchmark: its own seed, default 1.
    static let benchmarkSeed = OptionDefinition(
        name: "seed", short: "s", valueName: "S", kind: .unsignedInteger, defaultValue: "1",
        help: "Random seed, decimal or 0x hexadecimal.")

    /// `--seed S` overriding a model's `run.seed`.
    static func modelSeed(_ what: String) -> OptionDefinition {
        OptionDefinition(
            name: "seed", short: "s", valueName: "S", kind: .unsignedInteger,
            help: "\(what), decimal or 0x hexadecimal, instead of the model's run.seed.")
    }

    /// `--format text|json` for a benchmark report.
    static let benchmarkFormat = OptionDefinition(
        name: "format", short: "f", kind: OutputFormat.valueKind, defaultValue: OutputFormat.text.rawValue,
        help: "Output format.")
}
