import Measurement

/// One grid point's metrics summarised over its replications: the mean and the
/// half-width of its 95% confidence interval (Student's t with n - 1 degrees
/// of freedom: replications are independent, and each one's value is itself
/// an average over many requests, so roughly normal).
///
/// Computed from the values AS PRINTED in the replication rows, so a reader
/// of the CSV recomputes exactly the same numbers, and a merge of shard parts
/// (which has only the printed values) writes exactly the bytes one machine would.
public struct SweepAggregate: Equatable, Sendable {
    public var point: Int
    public var parameterValues: [String]
    /// Per metric; nil when no replication measured it.
    public var means: [Double?]
    /// Per metric; nil below two measured replications.
    public var halfWidths: [Double?]
    /// As printed: two more decimals than the metric's own values.
    public var meanTexts: [String]
    public var halfWidthTexts: [String]

    /// Summarises the rows of one point (all with the same `point`, in replication order).
    public init(point: Int, rows: ArraySlice<SweepRow>, metricCount: Int) {
        self.point = point
        parameterValues = rows.first?.parameterValues ?? []
        means = []; halfWidths = []; meanTexts = []; halfWidthTexts = []
        for column in 0..<metricCount {
            var statistics = RunningStatistics()
            var decimals = 0
            for row in rows {
                let text = row.metricValues[column]
                guard let value = Double(text) else { continue }
                statistics.add(value)
                decimals = max(decimals, Self.decimals(in: text))
            }
            let mean = statistics.mean, halfWidth = statistics.confidenceHalfWidth(.ninetyFive)
            means.append(mean)
            halfWidths.append(halfWidth)
            meanTexts.append(mean.flatMap { NumberText.fixed($0, fractionDigits: decimals + 2) } ?? "")
            halfWidthTexts.append(halfWidth.flatMap { NumberText.fixed($0, fractionDigits: decimals + 2) } ?? "")
        }
    }

    /// Summaries of every point present in `rows` (sorted by point, then replication).
    public static func all(_ rows: [SweepRow], metricCount: Int) -> [SweepAggregate] {
        var aggregates: [SweepAggregate] = []
        var start = rows.startIndex
        while start < rows.endIndex {
            var end = start
            while end < rows.endIndex, rows[end].point == rows[start].point { end += 1 }
            aggregates.append(SweepAggregate(point: rows[start].point, rows: rows[start..<end], metricCount: metricCount))
            start = end
        }
        return aggregates
    }

    private static func decimals(in text: String) -> Int {
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: dot, to: text.endIndex) - 1
    }
}
