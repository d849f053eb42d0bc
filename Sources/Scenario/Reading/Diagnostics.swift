/// Every problem found in one reading of a model, sorted by file and position:
/// the error a model read throws, so the user fixes everything in one go.
public struct Diagnostics: Error, Equatable, Sendable, CustomStringConvertible {
    /// Sorted by file (in the order problems were first reported in it), then
    /// location (problems without one first), then the order they were reported.
    public var items: [Diagnostic]

    public init(_ items: [Diagnostic]) { self.items = items }

    /// Lines `description` prints before summing up the rest: 20,000 bad
    /// references must not print 20,000 lines; the first ones show the pattern.
    public static let printedLimit = 50

    /// One diagnostic per line, the first `printedLimit` of them, then how many more there are.
    public var description: String {
        var lines = items.prefix(Self.printedLimit).map(\.description)
        if items.count > Self.printedLimit {
            lines.append("... and \(items.count - Self.printedLimit) more problems like these (\(items.count) in all)")
        }
        return lines.joined(separator: "\n")
    }
}
