import Experiments

/// `--log-y` and `--linear-y` of `sweep` and `sweep merge`: the chart's
/// vertical scale; without either, logarithmic when the means span two decades.
enum ChartScaleFlags {
    static let definitions = [
        FlagDefinition(name: "log-y", help: "Draw the chart's vertical axis on a log scale."),
        FlagDefinition(
            name: "linear-y",
            help: "Draw it on a linear scale. (default: log scale when the means drawn span two decades or more, else linear)"),
    ]

    /// The scale the flags ask for; a usage error for both, or for either without `--plot`.
    static func scale(_ arguments: ParsedArguments, plotting: Bool) throws(UsageError) -> ChartYScale {
        let log = arguments.flag("log-y"), linear = arguments.flag("linear-y")
        if log && linear { throw UsageError("--log-y and --linear-y contradict each other; give one") }
        if (log || linear) && !plotting { throw UsageError("--\(log ? "log-y" : "linear-y") shapes the chart: give --plot FILE.svg as well") }
        return log ? .logarithmic : linear ? .linear : .automatic
    }
}
