/// A position in a model file: 1-based line and column.
///
/// Columns count Unicode scalars, not bytes, so `é` is one column. Line breaks
/// are LF, CR and CR LF (what editors count); U+2028/U+2029 are whitespace to
/// JSON5 but do not start a new line here.
/// Values built in code rather than parsed carry `SourceLocation.unknown` (0:0).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The location of values that were not read from a file.
    public static let unknown = SourceLocation(line: 0, column: 0)

    /// False for `unknown`: the value was built in code.
    public var isKnown: Bool { line > 0 }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `LINE:COLUMN`, e.g. `12:7`.
    public var description: String { "\(line):\(column)" }
}
