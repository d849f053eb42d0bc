/// An SVG document built element by element, in drawing order.
struct SVGDocument {
    let width: Double
    let height: Double
    private var elements: [String] = []

    init(width: Double, height: Double) { self.width = width; self.height = height }

    private typealias T = SVGText

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double? = nil) {
        elements.append("<rect x=\"\(T.coordinate(x))\" y=\"\(T.coordinate(y))\" width=\"\(T.coordinate(width))\" "
            + "height=\"\(T.coordinate(height))\" fill=\"\(fill)\"\(Self.opacity(opacity))/>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        elements.append("<line x1=\"\(T.coordinate(x1))\" y1=\"\(T.coordinate(y1))\" x2=\"\(T.coordinate(x2))\" "
            + "y2=\"\(T.coordinate(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(T.coordinate(width))\"\(Self.dash(dash))/>")
    }

    mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double, dash: String? = nil) {
        guard points.count > 1 else { return }
        elements.append("<polyline points=\"\(T.points(points))\" fill=\"none\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(T.coordinate(width))\" stroke-linejoin=\"round\"\(Self.dash(dash))/>")
    }

    mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, opacity: Double) {
        elements.append("<polygon points=\"\(T.points(points))\" fill=\"\(fill)\"\(Self.opacity(opacity)) stroke=\"none\"/>")
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
        elements.append("<circle cx=\"\(T.coordinate(x))\" cy=\"\(T.coordinate(y))\" r=\"\(T.coordinate(radius))\" fill=\"\(fill)\"/>")
    }

    mutating func text(_ content: String, x: Double, y: Double, size: Double, anchor: String = "start", weight: String? = nil,
                       fill: String = "#222222", rotate: Double? = nil) {
        var attributes = "x=\"\(T.coordinate(x))\" y=\"\(T.coordinate(y))\" font-size=\"\(T.coordinate(size))\" "
            + "text-anchor=\"\(anchor)\" fill=\"\(fill)\""
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let rotate { attributes += " transform=\"rotate(\(T.coordinate(rotate)) \(T.coordinate(x)) \(T.coordinate(y)))\"" }
        elements.append("<text \(attributes)>\(T.escaped(content))</text>")
    }

    /// The whole document, ending with a newline.
    var text: String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(T.coordinate(width))\" height=\"\(T.coordinate(height))\" "
            + "viewBox=\"0 0 \(T.coordinate(width)) \(T.coordinate(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
            + elements.map { "  " + $0 + "\n" }.joined() + "</svg>\n"
    }

    private static func opacity(_ value: Double?) -> String { value.map { " fill-opacity=\"\(T.coordinate($0))\"" } ?? "" }
    private static func dash(_ value: String?) -> String { value.map { " stroke-dasharray=\"\($0)\"" } ?? "" }
}
