/// A place in a model file to report problems at later, once the reading
/// closure that saw it has returned (cross-references are checked after
/// everything they refer to is read).
struct ReportSite {
    let context: ReadContext
    let path: FieldPath
    let location: SourceLocation?

    init(_ reader: ValueReader) {
        context = reader.context
        path = reader.path
        location = reader.anchor
    }

    init(_ object: ObjectReader) {
        context = object.context
        path = object.path
        location = object.anchor
    }

    func report(_ message: String) { context.report(message, at: location, path: path) }
}

extension FieldPath {
    /// True when `prefix` is this path or one of its ancestors.
    func starts(with prefix: FieldPath) -> Bool { components.starts(with: prefix.components) }
}
