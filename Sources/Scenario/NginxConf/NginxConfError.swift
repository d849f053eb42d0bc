/// A problem with an nginx.conf (or with a model that cannot be written as
/// one), worded like nginx's own messages so that a user who knows
/// `nginx -t` recognises it: `conf/nginx.conf:12: unexpected "}"`.
public struct NginxConfError: Error, Sendable, CustomStringConvertible {
    /// The file the problem is in, as the user or the `include` named it.
    public var file: String
    /// The line (from 1); nil when the problem is the file as a whole.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `FILE:LINE: MESSAGE`, or `FILE: MESSAGE` without a line.
    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
