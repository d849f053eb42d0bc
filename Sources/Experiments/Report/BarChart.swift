import Measurement

/// Horizontal bars of counts under names (closes by reason, errors by
/// cause), longest scale first, each labelled with its count and share.
struct BarChart {
    var title: String
    var subtitle: String
    var bars: [NamedCount]
    var colour: String

    static let width = 880.0
    static let labelRight = 300.0, barLeft = 310.0, barRight = 760.0
    static let top = 70.0, rowHeight = 26.0

    var svg: String {
        let height = Self.top + Double(max(1, bars.count)) * Self.rowHeight + 20
        var svg = SVGDocument(width: Self.width, height: height)
        svg.rect(x: 0, y: 0, width: Self.width, height: height, fill: "#ffffff")
        svg.text(title, x: 20, y: 28, size: 17, weight: "bold")
        svg.text(subtitle, x: 20, y: 48, size: 12, fill: "#555555")
        let largest = bars.map(\.count).max() ?? 0
        let total = bars.reduce(UInt64(0)) { $0 &+ $1.count }
        guard largest > 0 else {
            svg.text("none", x: Self.barLeft, y: Self.top + 17, size: 13, fill: "#555555")
            return svg.text
        }
        for (index, bar) in bars.enumerated() {
            let y = Self.top + Double(index) * Self.rowHeight
            let length = (Self.barRight - Self.barLeft) * Double(bar.count) / Double(largest)
            svg.text(bar.name, x: Self.labelRight, y: y + 17, size: 13, anchor: "end")
            svg.rect(x: Self.barLeft, y: y + 4, width: max(1, length), height: Self.rowHeight - 8, fill: colour)
            let share = NumberText.fixed(100 * Double(bar.count) / Double(total), fractionDigits: 1) ?? ""
            svg.text("\(NumberText.grouped(bar.count)) (\(share)%)", x: Self.barLeft + max(1, length) + 6, y: y + 17, size: 12)
        }
        return svg.text
    }
}
