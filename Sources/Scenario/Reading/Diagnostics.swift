/// Every problem found in one reading of a model, sorted by file and position:
/// the error a model read throws, so the user fixes everything in one go.
public struct Diagnostics: Error, Equatable, Sendable, CustomStringConvertible {
    /// Sorted by file (in the order problems were first reported in it), then
    /// location (problems without one first), then the order they were reported.
    public var items: [Diagnostic]

    public init(_ items: [Diagnostic]) { self.items = items }

    /// One diagnostic per line.
    public var description: String { items.map(\.description).joined(separator: "\n") }
}
