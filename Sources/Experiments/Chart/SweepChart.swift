import Measurement
import ProxyModel

/// A chart of one metric against the first varied field: one line per value of
/// the second field (if any), each point the mean over the replications, with
/// a band for its 95% confidence interval. Fields after the second are held at
/// their first value (the subtitle says which). Hand-written SVG: no
/// dependencies, the same bytes for the same table.
public struct SweepChart: Sendable {
    public var metric: String
    public private(set) var svg: String

    static let width = 880.0, height = 540.0
    static let plotLeft = 96.0, plotRight = 660.0, plotTop = 92.0, plotBottom = 460.0
    /// Okabe and Ito's palette: distinguishable with every common colour-vision deficiency.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]

    /// `yScale`: the vertical axis's scale (`.automatic`: logarithmic when the means span two decades or more).
    public init(_ table: SweepTable, metric: String, yScale: ChartYScale = .automatic) throws(ExperimentError) {
        guard let column = table.metricNames.firstIndex(of: metric) else {
            throw ExperimentError("the table has no metric '\(metric)'")
        }
        guard let xName = table.parameterNames.first else { throw ExperimentError("the table varies no field") }
        self.metric = metric
        let aggregates = table.aggregates
        guard let first = aggregates.first else { throw ExperimentError("the table has no rows to draw") }

        // Points where every field after the second has its first value.
        let held = first.parameterValues.dropFirst(2)
        let shown = aggregates.filter { $0.parameterValues.dropFirst(2).elementsEqual(held) }
        let seriesName = table.parameterNames.count > 1 ? table.parameterNames[1] : nil
        var seriesValues: [String] = []
        var xTexts: [String] = []
        for aggregate in shown {
            let series = seriesName == nil ? "" : aggregate.parameterValues[1]
            if !seriesValues.contains(series) { seriesValues.append(series) }
            if !xTexts.contains(aggregate.parameterValues[0]) { xTexts.append(aggregate.parameterValues[0]) }
        }

        let xAxis = Self.xAxis(xTexts)
        let lows = shown.compactMap { aggregate in aggregate.means[column].map { $0 - (aggregate.halfWidths[column] ?? 0) } }
        let highs = shown.compactMap { aggregate in aggregate.means[column].map { $0 + (aggregate.halfWidths[column] ?? 0) } }
        let means = shown.compactMap { $0.means[column] }
        let linearAxis = ChartAxis.linear(covering: lows + highs, pixels: (Self.plotBottom, Self.plotTop))
        let yAxis = yScale.resolved(for: means) == .logarithmic
            ? ChartAxis.decades(covering: means + highs, pixels: (Self.plotBottom, Self.plotTop)) ?? linearAxis
            : linearAxis
        let belowLogScale = yAxis.scale == .logarithmic ? means.filter { $0 <= 0 }.count : 0

        var svg = SVGDocument(width: Self.width, height: Self.height)
        svg.rect(x: 0, y: 0, width: Self.width, height: Self.height, fill: "#ffffff")
        svg.text("\(metric) by \(xName)", x: Self.plotLeft, y: 30, size: 18, weight: "bold")
        var subtitle = "mean of \(table.header.replications) replication\(table.header.replications == 1 ? "" : "s") per point; "
            + "bands: 95% confidence interval"
        subtitle += " · model \(table.header.model)"
        svg.text(subtitle, x: Self.plotLeft, y: 52, size: 12, fill: "#555555")
        var notes: [String] = []
        if !held.isEmpty {
            notes.append("held at: " + zip(table.parameterNames.dropFirst(2), held).map { "\($0)=\($1)" }.joined(separator: ", "))
        }
        if belowLogScale > 0 {
            notes.append("\(belowLogScale) mean\(belowLogScale == 1 ? "" : "s") at or below 0 drawn on the bottom edge (log scale)")
        }
        if !notes.isEmpty { svg.text(notes.joined(separator: "; "), x: Self.plotLeft, y: 70, size: 12, fill: "#555555") }
        Self.drawAxes(&svg, x: xAxis, y: yAxis, xLabel: xAxis.label(xName),
                      yLabel: MetricUnits.axisLabel(of: metric, logarithmic: yAxis.scale == .logarithmic))

        for (index, series) in seriesValues.enumerated() {
            let colour = Self.palette[index % Self.palette.count]
            let dash = index >= Self.palette.count ? "6 3" : nil
            var points: [(x: Double, low: Double, mean: Double, high: Double)] = []
            for aggregate in shown where seriesName == nil || aggregate.parameterValues[1] == series {
                guard let mean = aggregate.means[column], let x = xAxis.position(of: aggregate.parameterValues[0]) else { continue }
                let halfWidth = aggregate.halfWidths[column] ?? 0
                points.append((x, yAxis.pixel(mean - halfWidth), yAxis.pixel(mean), yAxis.pixel(mean + halfWidth)))
            }
            points.sort { $0.x < $1.x }
            if points.count > 1 {
                svg.polygon(points.map { ($0.x, $0.high) } + points.reversed().map { ($0.x, $0.low) }, fill: colour, opacity: 0.18)
            }
            svg.polyline(points.map { ($0.x, $0.mean) }, stroke: colour, width: 2, dash: dash)
            for point in points { svg.circle(x: point.x, y: point.mean, radius: 3.5, fill: colour) }
        }
        Self.drawLegend(&svg, title: seriesName ?? metric, entries: seriesName == nil ? ["mean ± 95% CI"] : seriesValues)
        self.svg = svg.text
    }

    private static func drawAxes(_ svg: inout SVGDocument, x: XAxis, y: ChartAxis, xLabel: String, yLabel: String) {
        for tick in y.ticks {
            let position = y.pixel(tick.value)
            svg.line(x1: plotLeft, y1: position, x2: plotRight, y2: position, stroke: "#e5e5e5")
            svg.text(tick.label, x: plotLeft - 8, y: position + 4, size: 12, anchor: "end")
        }
        for tick in x.ticks {
            svg.line(x1: tick.position, y1: plotBottom, x2: tick.position, y2: plotBottom + 5, stroke: "#333333")
            svg.text(tick.label, x: tick.position, y: plotBottom + 20, size: 12, anchor: "middle")
        }
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: "#333333")
        svg.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, stroke: "#333333")
        svg.text(xLabel, x: (plotLeft + plotRight) / 2, y: plotBottom + 46, size: 13, anchor: "middle")
        svg.text(yLabel, x: 24, y: (plotTop + plotBottom) / 2, size: 13, anchor: "middle", rotate: -90)
    }

    private static func drawLegend(_ svg: inout SVGDocument, title: String, entries: [String]) {
        let left = plotRight + 24
        let titleLines = wrapped(path: title, width: 28)
        for (number, line) in titleLines.enumerated() {
            svg.text(line, x: left, y: plotTop + 4 + Double(number) * 15, size: 12, weight: "bold")
        }
        let top = plotTop + 26 + Double(titleLines.count - 1) * 15
        for (index, entry) in entries.enumerated() {
            let y = top + Double(index) * 20
            let colour = palette[index % palette.count]
            svg.rect(x: left, y: y - 9, width: 22, height: 12, fill: colour, opacity: 0.18)
            svg.line(x1: left, y1: y - 3, x2: left + 22, y2: y - 3, stroke: colour, width: 2, dash: index >= palette.count ? "6 3" : nil)
            svg.text(entry, x: left + 30, y: y + 1, size: 12)
        }
    }

    /// A field path in lines of at most `width` characters, broken after dots
    /// (the legend has a narrow column).
    static func wrapped(path: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for part in path.split(separator: ".", omittingEmptySubsequences: false).enumerated().map({ $0.offset == 0 ? String($0.element) : "." + $0.element }) {
            if !line.isEmpty, line.count + part.count > width {
                lines.append(line)
                line = ""
            }
            line += part
        }
        lines.append(line)
        return lines
    }

    /// The horizontal axis: numbers (durations in seconds), logarithmic when
    /// they span a factor of 16 or more; otherwise categories, evenly spaced.
    private static func xAxis(_ texts: [String]) -> XAxis {
        let numbers = texts.map { SweepValue.axisNumber($0) }
        let pixels = (plotLeft + 24, plotRight - 24)
        guard numbers.allSatisfy({ $0 != nil }), let values = Optional(numbers.compactMap { $0?.value }) else {
            let step = texts.count > 1 ? (pixels.1 - pixels.0) / Double(texts.count - 1) : 0
            let positions = texts.indices.map { texts.count > 1 ? pixels.0 + Double($0) * step : (pixels.0 + pixels.1) / 2 }
            return XAxis(texts: texts, positions: positions, unit: nil)
        }
        let isDuration = numbers.contains { $0?.isDuration == true }
        let atValues = zip(values, texts).map { (value: $0, label: $1) }
        let axis: ChartAxis
        if let low = values.min(), let high = values.max(), low > 0, high / low >= 16, values.count >= 3 {
            axis = .logarithmic(ticks: atValues, pixels: pixels)
        } else if values.count <= 12 {
            // The values themselves are the ticks, spaced to scale.
            let low = values.min() ?? 0, high = values.max() ?? 1
            axis = ChartAxis(low: low, high: high, scale: .linear, pixelLow: pixels.0, pixelHigh: pixels.1, ticks: atValues)
        } else {
            axis = .linear(covering: values, pixels: pixels, fromZero: false)
        }
        return XAxis(texts: texts, positions: values.map(axis.pixel), unit: isDuration ? "s" : nil,
                     ticks: axis.ticks.map { (axis.pixel($0.value), $0.label) }, isLogarithmic: axis.scale == .logarithmic)
    }

    /// Where each x value is drawn, and the ticks.
    struct XAxis {
        var texts: [String]
        var positions: [Double]
        /// `s` for durations (the axis is in seconds whatever units the values were written in).
        var unit: String?
        var ticks: [(position: Double, label: String)]
        var isLogarithmic = false

        init(texts: [String], positions: [Double], unit: String?, ticks: [(position: Double, label: String)]? = nil,
             isLogarithmic: Bool = false) {
            self.texts = texts; self.positions = positions; self.unit = unit
            self.ticks = ticks ?? zip(positions, texts).map { ($0, $1) }
            self.isLogarithmic = isLogarithmic
        }

        func position(of text: String) -> Double? { texts.firstIndex(of: text).map { positions[$0] } }

        /// `nginx.upstreams.api.keepalive (idle connections per worker, log scale)`.
        func label(_ name: String) -> String {
            let notes = [unit ?? MetricUnits.unit(ofField: name), isLogarithmic ? "log scale" : nil].compactMap { $0 }
            return notes.isEmpty ? name : "\(name) (\(notes.joined(separator: ", ")))"
        }
    }
}

extension SweepValue {
    /// A value as shown in a table, read back as a number for an axis.
    static func axisNumber(_ text: String) -> (value: Double, isDuration: Bool)? {
        if let number = Double(text), number.isFinite { return (number, false) }
        if let span = try? TimeSpan(parsing: text) { return (span.seconds, true) }
        return nil
    }
}
