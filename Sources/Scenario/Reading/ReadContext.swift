/// What every reader of one document shares: the file name for diagnostics and
/// the collector they go to.
struct ReadContext {
    let file: String
    let collector: DiagnosticCollector

    func report(_ message: String, at location: SourceLocation?, path: FieldPath) {
        collector.report(Diagnostic(file: file, location: location, path: path, message: message))
    }
}
