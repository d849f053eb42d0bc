import Measurement

/// Simulations of a model over several seeds and repeated live runs of it,
/// side by side as distributions (`compare --seeds M --repeat N`): per
/// metric, the median and range on each side, whether the medians agree
/// within the metric's tolerance, and whether the ranges overlap. One real
/// run moves with the machine's load (issue 13: a small pool's
/// new-connection fraction went from 0.06 to 0.69), so a single pair of
/// numbers cannot say whether the model is right; a few of each can.
struct DistributionTable {
    /// A metric the table shows: one of the report's (`RunReport.metrics`),
    /// or `new_connection_fraction`, derived from one.
    struct Metric {
        var name: String
        /// How close the medians must be; nil: shown, no verdict.
        var tolerance: AgreementTolerance?
    }

    /// What issue 13 holds the model to, with the closeness it asks for.
    /// new_connection_fraction: new upstream connections per upstream
    /// attempt (backend accepts / attempts), within 0.1 absolute; requests
    /// per second and p50 within 15%; p99 within 25%, because a tail moves
    /// more from run to run than a median; errors within one per 1,000
    /// requests (most comparisons have none on either side).
    static let verdictMetrics: [Metric] = [
        Metric(name: "new_connection_fraction", tolerance: .absolute(0.1)),
        Metric(name: "completed_per_second", tolerance: .relative(0.15)),
        Metric(name: "latency_p50_ms", tolerance: .relative(0.15)),
        Metric(name: "latency_p99_ms", tolerance: .relative(0.25)),
        Metric(name: "error_ratio", tolerance: .absolute(0.001)),
    ]

    /// Every metric shown: the verdict metrics first, then the rest of
    /// `ComparisonTable`'s, in its order.
    static let metrics: [Metric] = verdictMetrics
        + ComparisonTable.metricNames.filter { name in !verdictMetrics.contains { $0.name == name } }.map { Metric(name: $0) }

    struct Row {
        var metric: Metric
        var simulated: SampleSummary?
        var measured: SampleSummary?
        /// Decimals to print values with: the report's own for decimals; for counts none, or one for a median between two.
        var fractionDigits: Int?

        /// Whether the medians agree within the tolerance; nil without a tolerance or a value on either side.
        var mediansAgree: Bool? {
            guard let tolerance = metric.tolerance, let simulated, let measured else { return nil }
            return tolerance.accepts(simulated: simulated.median, measured: measured.median)
        }

        /// Whether the ranges share a value; nil without a value on either side.
        var rangesOverlap: Bool? {
            guard let simulated, let measured else { return nil }
            return simulated.overlaps(measured)
        }

        /// (measured median - simulated median) / |simulated median|; nil when either is missing or the simulated one is 0.
        var relativeDifference: Double? {
            guard let simulated, let measured, simulated.median != 0 else { return nil }
            return (measured.median - simulated.median) / abs(simulated.median)
        }

        func format(_ value: Double) -> String {
            let digits = fractionDigits ?? (value == value.rounded() ? 0 : 1)
            return NumberText.fixed(value, fractionDigits: digits) ?? "-"
        }
    }

    let rows: [Row]
    /// Simulations (seeds) and live runs behind the table.
    let simulations: Int
    let runs: Int

    init(simulated: [RunReport], measured: [RunReport]) {
        simulations = simulated.count
        runs = measured.count
        let simulatedMetrics = simulated.map { Self.values(of: $0) }
        let measuredMetrics = measured.map { Self.values(of: $0) }
        rows = Self.metrics.map { metric in
            let pick = { (reports: [[ReportMetric]]) in reports.compactMap { $0.first { $0.name == metric.name } } }
            let simulatedValues = pick(simulatedMetrics), measuredValues = pick(measuredMetrics)
            var digits: Int?
            if case .decimal(_, let fractionDigits)? = (simulatedValues.first ?? measuredValues.first)?.value { digits = fractionDigits }
            return Row(metric: metric, simulated: SampleSummary(simulatedValues.compactMap(\.number)),
                       measured: SampleSummary(measuredValues.compactMap(\.number)), fractionDigits: digits)
        }
    }

    /// The report's metrics, with new_connection_fraction derived from
    /// upstream_connections_per_1k (the same ratio, backend accepts over
    /// upstream attempts, per attempt rather than per 1,000).
    static func values(of report: RunReport) -> [ReportMetric] {
        let metrics = report.metrics
        let perThousand = metrics.first { $0.name == "upstream_connections_per_1k" }?.number
        return metrics + [.decimal("new_connection_fraction", perThousand.map { $0 / 1000 }, ReportDecimals.ratio)]
    }
}
