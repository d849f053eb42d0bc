/// Writing nginx.conf text: words quoted when nginx's reader would otherwise
/// split or misread them, directives and blocks indented by four spaces.
struct NginxConfText {
    private(set) var text = ""
    private var indent = ""

    /// A word as nginx.conf must write it: bare when it holds nothing the
    /// reader treats specially, else double-quoted with `"` and `\` escaped.
    static func word(_ word: String) -> String {
        let special: Set<Character> = [" ", "\t", "\r", "\n", ";", "{", "}", "\"", "'", "\\", "#"]
        guard word.isEmpty || word.contains(where: special.contains) else { return word }
        // Inside double quotes nginx's reader resolves only \" and \\ among what
        // can occur here (ngx_conf_read_token); line breaks and tabs may stand as they are.
        var quoted = "\""
        for character in word {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// `# line` for each line of `comment`.
    mutating func comment(_ comment: String) {
        for line in comment.split(separator: "\n", omittingEmptySubsequences: false) {
            text += line.isEmpty ? indent + "#\n" : indent + "# " + line + "\n"
        }
    }

    mutating func blankLine() { text += "\n" }

    /// `name arguments;`, with `# trailing` after it on the same line.
    mutating func directive(_ name: String, _ arguments: [String], trailing: String? = nil) {
        text += indent + ([name] + arguments).map(Self.word).joined(separator: " ") + ";"
        if let trailing { text += "  # " + trailing }
        text += "\n"
    }

    /// `name arguments { ... }` with `body` written inside.
    mutating func block(_ name: String, _ arguments: [String], _ body: (inout NginxConfText) -> Void) {
        text += indent + ([name] + arguments).map(Self.word).joined(separator: " ") + " {\n"
        let outer = indent
        indent += "    "
        body(&self)
        indent = outer
        text += indent + "}\n"
    }
}
