/// Gathers problems while a model is read, so reading can go on past the first
/// one and the user hears about all of them at once.
///
/// A class because every reader of one document (and of the files it pulls in)
/// shares it; it is meant for one thread at a time.
public final class DiagnosticCollector {
    private var reported: [Diagnostic] = []

    public init() {}

    public func report(_ diagnostic: Diagnostic) { reported.append(diagnostic) }

    public var count: Int { reported.count }
    public var isEmpty: Bool { reported.isEmpty }

    /// What was reported, sorted: by file in the order each file was first
    /// reported, then by location (none first), then in report order (stable).
    public var sorted: [Diagnostic] {
        var fileRank: [String: Int] = [:]  // looked up only, never iterated
        for diagnostic in reported where fileRank[diagnostic.file] == nil {
            fileRank[diagnostic.file] = fileRank.count
        }
        func key(_ entry: (offset: Int, element: Diagnostic)) -> (Int, Int, Int, Int) {
            let location = entry.element.location ?? SourceLocation(line: 0, column: 0)
            return (fileRank[entry.element.file] ?? 0, location.line, location.column, entry.offset)
        }
        return reported.enumerated().sorted { key($0) < key($1) }.map(\.element)
    }

    /// Throws everything reported so far, sorted; returns when nothing was.
    public func check() throws(Diagnostics) {
        if !reported.isEmpty { throw Diagnostics(sorted) }
    }
}
