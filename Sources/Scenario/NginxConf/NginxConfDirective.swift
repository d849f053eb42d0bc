/// One directive of an nginx.conf with `include`s already expanded: its name,
/// its arguments (quotes removed, escapes resolved, `$variables` left as
/// written) and, for a block directive, the directives inside.
struct NginxConfDirective: Sendable {
    var name: String
    var arguments: [String]
    /// Where the directive's name is.
    var file: String
    var line: Int
    /// The directives between `{` and `}`; nil for a directive ending in `;`.
    var block: [NginxConfDirective]?
    /// A `#` comment on the line the directive ends on, after it: how an export
    /// by keepalive-lab marks the model's own address of a loopback server.
    var trailingComment: String?

    /// `gzip on`, `upstream api`: the directive as a note shows it.
    var summary: String { ([name] + arguments.map(NginxConfText.word)).joined(separator: " ") }

    /// `gzip on (line 31)`, with the file when it is not the main one.
    func site(mainFile: String) -> String {
        file == mainFile ? "line \(line)" : "\(file):\(line)"
    }
}
