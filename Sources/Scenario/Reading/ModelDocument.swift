/// A model file read into a value tree, ready to be read into a typed scenario.
///
/// ```swift
/// let document = try ModelDocument(contentsOfFile: "models/x.json5")
/// let scenario = try document.read { root in
///     Scenario(seed: root.integer("seed", default: 1, in: 0...), ...)
/// }
/// ```
/// Both steps throw `Diagnostics`: a syntax error (one), or every problem the
/// reading found (all of them, sorted by position).
public struct ModelDocument: Sendable {
    /// The name diagnostics use for this document, as the user gave it.
    public var file: String
    public var root: JSON5Value

    public init(file: String, root: JSON5Value) {
        self.file = file
        self.root = root
    }

    /// Parses JSON5 bytes; `file` names them in diagnostics.
    public init(file: String, bytes: [UInt8]) throws(Diagnostics) {
        do {
            self.init(file: file, root: try JSON5Parser.parse(bytes))
        } catch {
            if let foreign = ForeignFileKind.detect(bytes) {
                throw Diagnostics([Diagnostic(file: file, location: nil, message: foreign.message(path: file))])
            }
            throw Diagnostics([Diagnostic(file: file, location: error.location, path: error.path, message: error.message)])
        }
    }

    /// Runs `body` on the root object and returns its result when nothing was
    /// reported; otherwise throws every problem, sorted by position.
    public func read<Result>(_ body: (ObjectReader) -> Result) throws(Diagnostics) -> Result {
        let collector = DiagnosticCollector()
        let result = read(reportingTo: collector, body)
        try collector.check()
        return result
    }

    /// Runs `body` on the root object, reporting to a collector shared with other
    /// documents (a model and the profiles it refers to); the caller checks it.
    public func read<Result>(reportingTo collector: DiagnosticCollector, _ body: (ObjectReader) -> Result) -> Result {
        let context = ReadContext(file: file, collector: collector)
        return ValueReader(value: root, path: .root, context: context, anchor: root.location).object(body)
    }
}
