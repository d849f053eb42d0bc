/// A self-contained HTML page built part by part: inline CSS and SVG, no
/// script, nothing fetched from the network. Written as polyglot markup (every
/// element closed, attributes quoted), so it also parses as XML, and with no
/// date or host in it, so the same data give the same bytes.
struct HTMLPage {
    var title: String
    private var parts: [String] = []

    init(title: String) { self.title = title }

    private typealias T = SVGText

    mutating func heading(_ text: String, level: Int = 2) {
        parts.append("<h\(level)>\(T.escaped(text))</h\(level)>")
    }

    mutating func paragraph(_ text: String, className: String? = nil) {
        parts.append("<p\(className.map { " class=\"\($0)\"" } ?? "")>\(T.escaped(text))</p>")
    }

    mutating func list(_ items: [String], className: String? = nil) {
        guard !items.isEmpty else { return }
        parts.append("<ul\(className.map { " class=\"\($0)\"" } ?? "")>"
            + items.map { "<li>\(T.escaped($0))</li>" }.joined() + "</ul>")
    }

    mutating func preformatted(_ text: String) {
        parts.append("<pre>\(T.escaped(text))</pre>")
    }

    /// A table: the first column left-aligned (names), the others right-aligned (numbers).
    mutating func table(header: [String], rows: [[String]]) {
        var html = "<table><thead><tr>" + header.map { "<th>\(T.escaped($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows { html += "<tr>" + row.map { "<td>\(T.escaped($0))</td>" }.joined() + "</tr>" }
        parts.append(html + "</tbody></table>")
    }

    /// A chart (an SVG document as `SVGDocument` writes it) with a caption saying what to look at.
    mutating func figure(svg: String, caption: String) {
        let inline = svg.hasSuffix("\n") ? String(svg.dropLast()) : svg
        parts.append("<figure>\n\(inline)\n<figcaption>\(T.escaped(caption))</figcaption></figure>")
    }

    static let style = """
        body { font-family: Helvetica, Arial, sans-serif; color: #222222; background: #f6f6f4; margin: 0; }
        main { max-width: 920px; margin: 0 auto; padding: 16px 20px 48px; background: #ffffff; }
        h1 { font-size: 24px; margin: 8px 0 4px; }
        h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 1px solid #dddddd; padding-bottom: 4px; }
        p.provenance { color: #555555; font-size: 12px; word-break: break-all; }
        ul.warnings li { color: #8a4b00; }
        table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
        th, td { padding: 3px 10px; border-bottom: 1px solid #e5e5e5; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        pre { background: #f3f3f3; padding: 8px 12px; font-size: 13px; overflow-x: auto; }
        figure { margin: 12px 0 20px; }
        figure svg { max-width: 100%; height: auto; display: block; }
        figcaption { font-size: 13px; color: #444444; margin-top: 4px; }
        """

    /// The whole page, ending with a newline.
    var text: String {
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
            + "<title>\(T.escaped(title))</title>\n<style>\n\(Self.style)\n</style>\n</head>\n<body>\n<main>\n"
            + "<h1>\(T.escaped(title))</h1>\n" + parts.map { $0 + "\n" }.joined() + "</main>\n</body>\n</html>\n"
    }
}
