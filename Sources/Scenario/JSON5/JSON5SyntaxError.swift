/// Why a document is not valid JSON5, and where: the first problem found.
///
/// `path` names the object member or array element being read when the problem
/// was found (empty at the top level), so a user sees both `12:7` and `nginx.upstreams`.
public struct JSON5SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var path: FieldPath
    public var message: String

    public init(location: SourceLocation, path: FieldPath = .root, message: String) {
        self.location = location
        self.path = path
        self.message = message
    }

    /// `LINE:COL: MESSAGE` (the path is left to `Diagnostic`, which also names the file).
    public var description: String { "\(location): \(message)" }
}
