import Foundation
import Scenario

/// models/README.md, the scenario format's reference, read as data: its field
/// tables, its table of nginx's defaults and its table of backend profiles.
struct ReferenceDocument {
    /// A row of a field table.
    struct FieldRow {
        /// The path with `NAME` and `PATH` as `*`: `nginx.upstreams.*.servers[].weight` -> ["nginx", "upstreams", "*", "servers[]", "weight"].
        var components: [String]
        var path: String
        /// The default when the cell is one JSON5 literal in backticks; nil for words ("required", "nginx's: 512").
        var literalDefault: JSON5Value?
        var defaultCell: String
    }

    var fields: [FieldRow] = []
    /// `nginx's own defaults by version`: scope and directive, value in 1.22.1, value in 1.29.7.
    var nginxDefaults: [(scope: String, directive: String, classic: String, modern: String)] = []
    /// `Backend profiles`: the name and the cells of its columns, by column title.
    var profiles: [(name: String, cells: [String: String])] = []

    static let text = RepositoryFiles.text(RepositoryFiles.modelsDirectory + "/README.md")
    static let sections = ["nginx", "backends", "network", "traffic", "run"]

    init(_ text: String = ReferenceDocument.text) {
        var heading = ""
        var columns: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { heading = String(line.dropFirst(3)) }
            guard line.hasPrefix("|") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.allSatisfy({ $0.allSatisfy { $0 == "-" } }) { continue }  // |---|---|
            if !cells.isEmpty, !cells[0].hasPrefix("`") {
                columns = cells  // a header row
                continue
            }
            let first = Self.unquoted(cells[0]) ?? cells[0]
            if heading.hasPrefix("nginx's own defaults"), cells.count >= 3, let colon = first.firstIndex(of: ":") {
                nginxDefaults.append((String(first[..<colon]), String(first[first.index(after: colon)...]).trimmingCharacters(in: .whitespaces),
                                      Self.unquoted(cells[1]) ?? cells[1], Self.unquoted(cells[2]) ?? cells[2]))
            } else if heading == "Backend profiles" {
                var byColumn: [String: String] = [:]
                for (title, cell) in zip(columns, cells) { byColumn[title.replacingOccurrences(of: "`", with: "")] = Self.unquoted(cell) ?? cell }
                profiles.append((first, byColumn))
            } else if Self.sections.contains(where: { first == $0 || first.hasPrefix($0 + ".") }), cells.count >= 3 {
                let components = first.split(separator: ".").map { component in
                    component.allSatisfy(\.isUppercase) ? "*" : String(component)
                }
                let literal = Self.unquoted(cells[2]).flatMap { try? JSON5Parser.parse($0) }
                fields.append(FieldRow(components: components, path: first, literalDefault: literal, defaultCell: cells[2]))
            }
        }
    }

    /// The text of a cell that is exactly one backticked span.
    static func unquoted(_ cell: String) -> String? {
        guard cell.count >= 2, cell.hasPrefix("`"), cell.hasSuffix("`") else { return nil }
        let inner = cell.dropFirst().dropLast()
        return inner.contains("`") ? nil : String(inner)
    }

    /// True when some row lies below `components` (so the tree is walked into there).
    func hasRows(below components: [String]) -> Bool {
        fields.contains { $0.components.count > components.count && Array($0.components.prefix(components.count)) == components }
    }

    func row(_ components: [String]) -> FieldRow? { fields.first { $0.components == components } }
}

/// Every field of a canonical tree, by documentation path (map entries as `*`, list elements as `name[]`).
struct CanonicalFields {
    var values: [(components: [String], value: JSON5Value, isLeaf: Bool)] = []

    init(_ tree: JSON5Value, reference: ReferenceDocument) {
        walk(tree, [], reference)
    }

    private mutating func walk(_ value: JSON5Value, _ components: [String], _ reference: ReferenceDocument) {
        switch value.kind {
        case .object(let members) where components.isEmpty || reference.hasRows(below: components):
            values.append((components, value, false))
            let isMap = reference.hasRows(below: components + ["*"])
            for member in members { walk(member.value, components + [isMap ? "*" : member.key], reference) }
        case .array(let elements) where reference.hasRows(below: Self.elementPath(components)):
            values.append((components, value, false))
            for element in elements { walk(element, Self.elementPath(components), reference) }
        default:
            values.append((components, value, true))
        }
    }

    /// `[..., "servers"]` -> `[..., "servers[]"]`.
    static func elementPath(_ components: [String]) -> [String] {
        Array(components.dropLast()) + [(components.last ?? "") + "[]"]
    }

    func values(at components: [String]) -> [JSON5Value] { values.filter { $0.components == components }.map(\.value) }
}
