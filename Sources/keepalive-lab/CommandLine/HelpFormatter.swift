/// Generates `--help` text and the one-line usage hint printed with usage errors,
/// both from a `CommandDefinition`, so help can never drift from what the parser accepts.
enum HelpFormatter {
    /// Lines are wrapped to this many columns.
    static let width = 80
    /// Where the help text of an option starts; longer labels put it on the next line.
    static let helpColumn = 26

    /// `keepalive-lab bench kernel [--pending P] [--events N] ...`
    static func usageLine(for path: [CommandDefinition]) -> String {
        let command = path[path.count - 1]
        var parts = [path.map(\.name).joined(separator: " ")]
        for option in command.options {
            parts.append("[\(option.spelling) \(option.displayedValueName)\(option.isRepeatable ? " ..." : "")]")
        }
        for flag in command.flags { parts.append("[\(flag.spelling)]") }
        for argument in command.arguments {
            let name = argument.valueName + (argument.isRepeating ? " ..." : "")
            parts.append(argument.isRequired ? name : "[\(name)]")
        }
        // A command that also runs itself lists its subcommands in the help instead.
        if !command.subcommands.isEmpty, command.command == nil { parts.append("<subcommand>") }
        return parts.joined(separator: " ")
    }

    /// How to get the full help, e.g. `keepalive-lab bench kernel --help`.
    static func helpInvocation(for path: [CommandDefinition]) -> String {
        path.map(\.name).joined(separator: " ") + " --help"
    }

    /// The full help of the last command of `path`.
    static func help(for path: [CommandDefinition]) -> String {
        let command = path[path.count - 1]
        var text = wrap("OVERVIEW: " + command.abstract, indent: 0, hangingIndent: 2) + "\n"
        if !command.discussion.isEmpty { text += "\n" + formatDiscussion(command.discussion) }
        text += "\nUSAGE: " + usageLine(for: path) + "\n"

        if !command.arguments.isEmpty {
            text += "\nARGUMENTS:\n"
            for argument in command.arguments {
                text += entry(argument.valueName, argument.help)
            }
        }

        text += "\nOPTIONS:\n"
        for option in command.options {
            var help = option.help
            if let defaultValue = option.defaultValue { help += " (default: \(defaultValue))" }
            if option.isRepeatable { help += " May be repeated." }
            text += entry(label(short: option.short, long: option.spelling + " " + option.displayedValueName), help)
        }
        for flag in command.flags {
            text += entry(label(short: flag.short, long: flag.spelling), flag.help)
        }
        if command.version != nil { text += entry(label(short: nil, long: "--version"), "Show the version.") }
        text += entry(label(short: "h", long: "--help"), "Show help information.")

        if !command.subcommands.isEmpty {
            text += "\nSUBCOMMANDS:\n"
            for subcommand in command.subcommands {
                text += entry(subcommand.name, subcommand.abstract)
            }
            let root = path[0].name
            text += "\n  See '\(root) \(ArgumentParser.helpCommandName) <subcommand>' for detailed help.\n"
        }
        return text
    }

    // MARK: Layout

    private static func label(short: Character?, long: String) -> String {
        if let short { return "-\(short), \(long)" }
        return long
    }

    /// `  label                   help text wrapped under its column`
    private static func entry(_ label: String, _ help: String) -> String {
        let lead = "  " + label
        let wrapped = wrap(help, indent: helpColumn, hangingIndent: helpColumn)
        if lead.count + 2 <= helpColumn {
            return lead + String(wrapped.dropFirst(lead.count)) + "\n"
        }
        return lead + "\n" + wrapped + "\n"
    }

    /// Paragraphs are wrapped; lines indented by the author (examples) are kept as written.
    private static func formatDiscussion(_ discussion: String) -> String {
        var output = ""
        var paragraph: [Substring] = []
        func flushParagraph() {
            if !paragraph.isEmpty { output += wrap(paragraph.joined(separator: " "), indent: 0, hangingIndent: 0) + "\n" }
            paragraph = []
        }
        for line in discussion.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                flushParagraph()
                output += "\n"
            } else if line.hasPrefix(" ") {
                flushParagraph()
                output += line + "\n"
            } else {
                paragraph.append(line)
            }
        }
        flushParagraph()
        return output
    }

    /// Greedy word wrap to `width`; the first line starts at `indent`, the rest at `hangingIndent`.
    static func wrap(_ text: String, indent: Int, hangingIndent: Int) -> String {
        var lines: [String] = []
        var line = String(repeating: " ", count: indent)
        var lineHasWord = false
        for word in text.split(separator: " ") {
            if lineHasWord, line.count + 1 + word.count > width {
                lines.append(line)
                line = String(repeating: " ", count: hangingIndent)
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
