import Foundation
import Measurement

/// A chart of lines over a numeric horizontal axis (time, latency, idle
/// connections), one colour per series, for the HTML report. Hand-written
/// SVG, the same bytes for the same data.
struct LineChart {
    struct Series {
        var name: String
        var points: [(x: Double, y: Double)]
    }

    var title: String
    var subtitle: String
    var xLabel: String
    var yLabel: String
    var series: [Series]
    /// A logarithmic horizontal axis (latency spans several powers of ten).
    var xLogarithmic = false
    /// The vertical axis reaches at least this far (1 for a share, the pool's size).
    var yAtLeast: Double = 0
    /// A dashed horizontal line, labelled (the pool's capacity).
    var reference: (value: Double, label: String)?
    /// Ticks on the horizontal axis at whole numbers only (counts of connections).
    var xWholeNumbers = false

    static let width = 880.0, height = 400.0
    static let plotLeft = 80.0, plotRight = 680.0, plotTop = 70.0, plotBottom = 330.0

    var svg: String {
        var svg = SVGDocument(width: Self.width, height: Self.height)
        svg.rect(x: 0, y: 0, width: Self.width, height: Self.height, fill: "#ffffff")
        svg.text(title, x: Self.plotLeft, y: 28, size: 17, weight: "bold")
        svg.text(subtitle, x: Self.plotLeft, y: 48, size: 12, fill: "#555555")
        let xs = series.flatMap { $0.points.map(\.x) }
        // Every quantity drawn is a count, share or time: the vertical axis starts at zero.
        let ys: [Double] = series.flatMap { $0.points.map(\.y) } + [0, yAtLeast] + (reference.map { [$0.value] } ?? [])
        var xAxis = xLogarithmic ? Self.logarithmicAxis(covering: xs.filter { $0 > 0 }, pixels: (Self.plotLeft, Self.plotRight))
            : ChartAxis.linear(covering: xs, pixels: (Self.plotLeft, Self.plotRight), fromZero: true)
        if xWholeNumbers { xAxis.ticks = xAxis.ticks.filter { $0.value == $0.value.rounded() } }
        let yAxis = ChartAxis.linear(covering: ys, pixels: (Self.plotBottom, Self.plotTop))
        drawAxes(&svg, x: xAxis, y: yAxis)
        if let reference {
            let y = yAxis.pixel(reference.value)
            svg.line(x1: Self.plotLeft, y1: y, x2: Self.plotRight, y2: y, stroke: "#888888", width: 1.5, dash: "6 4")
            svg.text(reference.label, x: Self.plotRight - 4, y: y - 6, size: 11, anchor: "end", fill: "#555555")
        }
        for (index, line) in series.enumerated() {
            let colour = SweepChart.palette[index % SweepChart.palette.count]
            let points = line.points.filter { !xLogarithmic || $0.x > 0 }.map { (xAxis.pixel($0.x), yAxis.pixel($0.y)) }
            if points.count == 1, let point = points.first {
                svg.circle(x: point.0, y: point.1, radius: 3, fill: colour)
            } else {
                svg.polyline(points, stroke: colour, width: 1.8, dash: index >= SweepChart.palette.count ? "6 3" : nil)
            }
        }
        drawLegend(&svg)
        return svg.text
    }

    private func drawAxes(_ svg: inout SVGDocument, x: ChartAxis, y: ChartAxis) {
        for tick in y.ticks {
            let position = y.pixel(tick.value)
            svg.line(x1: Self.plotLeft, y1: position, x2: Self.plotRight, y2: position, stroke: "#e5e5e5")
            svg.text(tick.label, x: Self.plotLeft - 8, y: position + 4, size: 12, anchor: "end")
        }
        for tick in x.ticks {
            let position = x.pixel(tick.value)
            svg.line(x1: position, y1: Self.plotBottom, x2: position, y2: Self.plotBottom + 5, stroke: "#333333")
            svg.text(tick.label, x: position, y: Self.plotBottom + 20, size: 12, anchor: "middle")
        }
        svg.line(x1: Self.plotLeft, y1: Self.plotBottom, x2: Self.plotRight, y2: Self.plotBottom, stroke: "#333333")
        svg.line(x1: Self.plotLeft, y1: Self.plotTop, x2: Self.plotLeft, y2: Self.plotBottom, stroke: "#333333")
        svg.text(xLabel, x: (Self.plotLeft + Self.plotRight) / 2, y: Self.plotBottom + 46, size: 13, anchor: "middle")
        svg.text(yLabel, x: 22, y: (Self.plotTop + Self.plotBottom) / 2, size: 13, anchor: "middle", rotate: -90)
    }

    private func drawLegend(_ svg: inout SVGDocument) {
        let left = Self.plotRight + 24
        for (index, line) in series.enumerated() {
            let y = Self.plotTop + 4 + Double(index) * 20
            let colour = SweepChart.palette[index % SweepChart.palette.count]
            svg.line(x1: left, y1: y - 4, x2: left + 22, y2: y - 4, stroke: colour, width: 2.5,
                     dash: index >= SweepChart.palette.count ? "6 3" : nil)
            svg.text(line.name, x: left + 30, y: y, size: 12)
        }
    }

    /// A logarithmic axis from the power of ten at or below the smallest value
    /// to the one at or above the largest, ticked at 1, 10, 100, ...
    static func logarithmicAxis(covering values: [Double], pixels: (Double, Double)) -> ChartAxis {
        let low = values.min() ?? 1, high = values.max() ?? 10
        var exponent = log10(low).rounded(.down)
        let top = max(exponent + 1, log10(high).rounded(.up))
        var ticks: [(value: Double, label: String)] = []
        while exponent <= top {
            let value = pow(10, exponent)
            ticks.append((value, NumberText.fixed(value, fractionDigits: max(0, Int(-exponent))) ?? ""))
            exponent += 1
        }
        return ChartAxis(low: ticks.first?.value ?? 1, high: ticks.last?.value ?? 10, scale: .logarithmic,
                         pixelLow: pixels.0, pixelHigh: pixels.1, ticks: ticks)
    }
}
