/// One candidate of a plan, simulated: every metric's mean and confidence
/// half-width over the replications, and which targets it meets.
public struct PlanEvaluation: Sendable {
    public var settings: PlanSettings
    public var aggregate: SweepAggregate
    public var targets: [PlanTarget]
    /// The replications behind `aggregate` (one grid point), for charts with confidence bands.
    public var rows: [SweepRow]

    /// Whether each target is met, in `targets` order.
    public var met: [Bool] {
        targets.map { target in
            let column = Self.column(target.metric)
            return target.isMet(mean: aggregate.means[column], halfWidth: aggregate.halfWidths[column])
        }
    }

    public var meetsEveryTarget: Bool { !met.contains(false) }

    /// The mean of a metric.
    public func mean(_ metric: String) -> Double? { aggregate.means[Self.column(metric)] }

    /// `12.345 ± 0.678` as the CSV would print it, or `-` when nothing was measured.
    public func estimate(_ metric: String) -> String {
        let column = Self.column(metric)
        let mean = aggregate.meanTexts[column], halfWidth = aggregate.halfWidthTexts[column]
        if mean.isEmpty { return "-" }
        return halfWidth.isEmpty ? mean : "\(mean) ± \(halfWidth)"
    }

    /// `upstream_connections_per_1k 9.691 ± 0.741, not within the target <= 10` for each missed target.
    public var misses: [String] {
        zip(targets, met).filter { !$0.1 }.map { target, _ in
            "\(target.metric) \(estimate(target.metric)), not within the target <= \(target.limitText)"
        }
    }

    static func column(_ metric: String) -> Int {
        guard let index = ReportMetrics.names.firstIndex(of: metric) else {
            preconditionFailure("programming error: no metric '\(metric)'")
        }
        return index
    }
}
