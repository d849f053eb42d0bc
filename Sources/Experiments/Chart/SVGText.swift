/// Building SVG by hand (no dependencies): escaping and number formatting
/// that give the same bytes on every machine.
enum SVGText {
    /// Text content or an attribute value with `&`, `<`, `>`, `"` and `'` escaped.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A coordinate with at most 2 decimals, without trailing zeros: `12.5`, `300`.
    static func coordinate(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        guard hundredths.isFinite, abs(hundredths) < 1e15 else { return "0" }
        let units = Int64(hundredths)
        let sign = units < 0 ? "-" : ""
        let whole = units.magnitude / 100, fraction = units.magnitude % 100
        if fraction == 0 { return sign + String(whole) }
        let digits = fraction < 10 ? "0\(fraction)" : String(fraction)
        return sign + String(whole) + "." + (digits.hasSuffix("0") ? String(digits.dropLast()) : digits)
    }

    /// `points="x,y x,y ..."` content.
    static func points(_ points: [(x: Double, y: Double)]) -> String {
        points.map { coordinate($0.x) + "," + coordinate($0.y) }.joined(separator: " ")
    }
}
