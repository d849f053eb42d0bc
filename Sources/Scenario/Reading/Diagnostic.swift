import ProxyModel

/// One problem found in a model file, printed the way compilers do so that
/// editors and terminals can jump to it:
/// `models/x.json5:12:7: nginx.upstreams.app.keepalive: must be >= 0 (got -3)`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// Where the problem is; nil when there is no place to point at (an unreadable
    /// file, a value built in code).
    public var location: SourceLocation?
    /// The field the problem is about; `.root` for the document as a whole.
    public var path: FieldPath
    public var message: String

    public init(file: String, location: SourceLocation?, path: FieldPath = .root, message: String) {
        self.file = file
        self.location = location.flatMap { $0.isKnown ? $0 : nil }
        self.path = path
        self.message = message
    }

    /// `FILE:LINE:COL: PATH: MESSAGE`; the location and path are left out when absent.
    public var description: String {
        var text = file
        if let location { text += ":\(location)" }
        text += ": "
        // Keys are quoted cut short: a 10 MB key must not make a 10 MB message.
        if !path.isRoot { text += "\(path.abbreviated): " }
        return text + message
    }
}

extension FieldPath {
    /// The path with every key cut to `QuotedInput.limit` characters, for messages.
    public var abbreviated: FieldPath {
        FieldPath(components.map { component in
            if case .key(let key) = component { return .key(QuotedInput.cut(key)) }
            return component
        })
    }
}
