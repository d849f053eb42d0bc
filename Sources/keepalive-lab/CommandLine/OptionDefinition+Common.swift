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

    /// `--out FILE.csv` of a sweep's CSV (sweep and sweep merge).
    static let sweepOut = OptionDefinition(
        name: "out", short: "o", valueName: "FILE.csv", kind: .path,
        help: "Where the CSV goes; - for standard output. (default: notebooks-data/MODEL-sweep.csv)")

    /// `--metric NAME` charted and listed first (sweep and sweep merge).
    static let sweepMetric = OptionDefinition(
        name: "metric", short: "m", valueName: "NAME", kind: .text, defaultValue: SweepCommand.defaultMetric,
        help: "The metric of the chart and of the table's first column.")

    /// `--report FILE.html`: the run, sweep or plan in pictures (simulate, sweep, sweep merge, plan).
    static let htmlReport = OptionDefinition(
        name: "report", valueName: "FILE.html", kind: .path,
        help: "Also write a self-contained HTML report (inline SVG charts, no network).")

    /// `--format text|json` for a benchmark report.
    static let benchmarkFormat = OptionDefinition(
        name: "format", short: "f", kind: OutputFormat.valueKind, defaultValue: OutputFormat.text.rawValue,
        help: "Output format.")

    /// `--out FILE` of a command that writes one file, by default to standard output.
    static func outFile(_ valueName: String, holding what: String) -> OptionDefinition {
        OptionDefinition(
            name: "out", short: "o", valueName: valueName, kind: .path,
            help: "Where \(what) goes. (default: standard output)")
    }
}
