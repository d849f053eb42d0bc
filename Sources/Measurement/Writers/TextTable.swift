/// A table for people: a header row and rows of cells, each column as wide as
/// its widest cell, separated by two spaces. Text columns are aligned left,
/// number columns right, so that digits line up.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        public init(_ title: String, _ alignment: Alignment = .right) { self.title = title; self.alignment = alignment }
    }

    public var columns: [Column]
    public private(set) var rows: [[String]] = []

    public init(_ columns: [Column]) { self.columns = columns }

    /// Appends a row; it must have one cell per column.
    public mutating func append(_ cells: [String]) {
        precondition(cells.count == columns.count, "a row of \(cells.count) cells in a table of \(columns.count) columns")
        rows.append(cells)
    }

    /// The header and the rows, each line indented by `indent` and ended by a
    /// newline, without trailing spaces.
    public func text(indent: String = "  ") -> String {
        let all = [columns.map(\.title)] + rows
        let widths = columns.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in all {
            var line = indent
            for (column, cell) in row.enumerated() {
                if column > 0 { line += "  " }
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                line += columns[column].alignment == .left ? cell + padding : padding + cell
            }
            while line.last == " " { line.removeLast() }
            text += line + "\n"
        }
        return text
    }
}
