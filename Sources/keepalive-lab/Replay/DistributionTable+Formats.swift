import Measurement

/// The distribution table as aligned text, CSV and Markdown.
extension DistributionTable.Row {
    /// `0.0600..0.6900`, or `-` without values.
    func range(_ summary: SampleSummary?) -> String {
        summary.map { "\(format($0.minimum))..\(format($0.maximum))" } ?? "-"
    }

    func median(_ summary: SampleSummary?) -> String { summary.map { format($0.median) } ?? "-" }

    /// `agree (±0.1)`, `differ (±15%)`, or `-` without a tolerance or values.
    var mediansVerdict: String {
        guard let agree = mediansAgree, let tolerance = metric.tolerance else { return "-" }
        return "\(agree ? "agree" : "differ") (\(tolerance))"
    }

    var rangesVerdict: String { rangesOverlap.map { $0 ? "overlap" : "apart" } ?? "-" }
}

extension DistributionTable {
    /// The rows as aligned text: median and range on each side, then the verdicts.
    func text(measuredLabel: String) -> String {
        var table = TextTable([.init("metric", .left), .init("simulated"), .init("range", .left),
                               .init(measuredLabel), .init("range", .left), .init("medians", .left), .init("ranges", .left)])
        for row in rows {
            table.append([row.metric.name, row.median(row.simulated), row.range(row.simulated),
                          row.median(row.measured), row.range(row.measured), row.mediansVerdict, row.rangesVerdict])
        }
        return table.text()
    }

    /// The CSV columns with distributions: `simulated` and `measured` are
    /// the medians (as in the single-run CSV, which has the first four
    /// columns only); notebooks-data/README.md documents each.
    static let csvColumns = [
        "metric", "simulated", "measured", "relative_difference",
        "simulated_min", "simulated_max", "measured_min", "measured_max", "simulations", "runs",
        "tolerance_relative", "tolerance_absolute", "medians_agree", "ranges_overlap",
    ]

    var csv: String {
        var lines = [CSVWriter.line(Self.csvColumns)]
        let flag: (Bool?) -> String = { $0.map { $0 ? "true" : "false" } ?? "" }
        let bound: (Double?) -> String = { $0.flatMap { NumberText.fixed($0, fractionDigits: 4) } ?? "" }
        for row in rows {
            let values: (SampleSummary?) -> [String] = { summary in
                summary.map { [row.format($0.minimum), row.format($0.maximum)] } ?? ["", ""]
            }
            lines.append(CSVWriter.line(
                [row.metric.name, row.simulated.map { row.format($0.median) } ?? "", row.measured.map { row.format($0.median) } ?? "",
                 row.relativeDifference.flatMap { NumberText.fixed($0, fractionDigits: 4) } ?? ""]
                + values(row.simulated) + values(row.measured)
                + [String(row.simulated?.count ?? 0), String(row.measured?.count ?? 0),
                   bound(row.metric.tolerance?.relative), bound(row.metric.tolerance?.absolute),
                   flag(row.mediansAgree), flag(row.rangesOverlap)]))
        }
        return lines.joined()  // each line ends in its own newline (CSVWriter.line)
    }

    /// The metrics with a verdict as a Markdown table, one row per metric
    /// headed by `caseName`, measured side first: the rows of several
    /// models' tables stack under one header (issue 13's closing table).
    func markdown(caseName: String, measuredLabel: String) -> String {
        let escape = { (text: String) in text.replacingOccurrences(of: "|", with: "\\|") }
        var lines = [
            "| case | metric | \(escape(measuredLabel)) median | \(escape(measuredLabel)) range | simulated median | simulated range | medians | ranges |",
            "|---|---|---:|---:|---:|---:|---|---|",
        ]
        for row in rows where row.metric.tolerance != nil {
            let cells = [escape(caseName), row.metric.name, row.median(row.measured), row.range(row.measured),
                         row.median(row.simulated), row.range(row.simulated), row.mediansVerdict, row.rangesVerdict]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
