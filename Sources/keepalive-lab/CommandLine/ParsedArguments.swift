import ProxyModel

/// The typed values of one invocation of a command: what the parse stage
/// hands to the validate stage (`RunnableCommand.init`).
///
/// Options with a default always have a value; the plain getters (`integer`,
/// `duration`, ...) are for those and for required arguments. The `IfPresent`
/// getters return nil when an option without a default was not given.
/// Asking for a name the command does not declare, or as the wrong kind, is a
/// programming error and stops the program with a message saying which.
struct ParsedArguments: Sendable {
    /// The command these values belong to, root first.
    var commandPath: [CommandDefinition]
    /// Values by option or argument name, in the order given. Only looked up, never iterated.
    var values: [String: [ParsedValue]]
    /// Names of the flags that were given.
    var flags: Set<String>
    /// The words of the command line after the program name, as typed: for provenance.
    var words: [String] = []

    /// The command, e.g. `keepalive-lab bench kernel`, for messages.
    var commandName: String { commandPath.map(\.name).joined(separator: " ") }

    /// The whole command line as typed, starting with the tool's name (not the
    /// path it was run from, so that results do not depend on where it was
    /// built); words the shell would split or expand are single-quoted.
    var commandLine: String {
        ([commandPath.first?.name ?? "keepalive-lab"] + words.map(ShellQuoting.quoted)).joined(separator: " ")
    }

    /// Whether the flag was given.
    func flag(_ name: String) -> Bool {
        requireDeclared(name, isFlag: true)
        return flags.contains(name)
    }

    /// Every value of a repeatable option or repeating argument, in command-line order.
    func all(_ name: String) -> [ParsedValue] {
        requireDeclared(name, isFlag: false)
        return values[name] ?? []
    }

    func integerIfPresent(_ name: String) -> Int? {
        guard let value = last(name) else { return nil }
        guard case .integer(let number) = value else { wrongKind(name, "integer", value) }
        return number
    }

    func unsignedIntegerIfPresent(_ name: String) -> UInt64? {
        guard let value = last(name) else { return nil }
        guard case .unsignedInteger(let number) = value else { wrongKind(name, "unsigned integer", value) }
        return number
    }

    func durationIfPresent(_ name: String) -> TimeSpan? {
        guard let value = last(name) else { return nil }
        guard case .duration(let span) = value else { wrongKind(name, "duration", value) }
        return span
    }

    /// A choice read as the enumeration whose raw values are the declared words.
    func choiceIfPresent<Choice: RawRepresentable<String>>(_ name: String, as type: Choice.Type) -> Choice? {
        guard let value = last(name) else { return nil }
        guard case .choice(let word) = value, let choice = Choice(rawValue: word) else {
            wrongKind(name, "choice of \(Choice.self)", value)
        }
        return choice
    }

    /// A path or text value.
    func stringIfPresent(_ name: String) -> String? {
        guard let value = last(name) else { return nil }
        switch value {
        case .path(let text), .text(let text): return text
        default: wrongKind(name, "path or text", value)
        }
    }

    func integer(_ name: String) -> Int { required(name, integerIfPresent(name)) }
    func unsignedInteger(_ name: String) -> UInt64 { required(name, unsignedIntegerIfPresent(name)) }
    func duration(_ name: String) -> TimeSpan { required(name, durationIfPresent(name)) }
    func choice<Choice: RawRepresentable<String>>(_ name: String, as type: Choice.Type) -> Choice {
        required(name, choiceIfPresent(name, as: type))
    }
    func string(_ name: String) -> String { required(name, stringIfPresent(name)) }

    // MARK: Programming-error checks

    private func last(_ name: String) -> ParsedValue? {
        requireDeclared(name, isFlag: false)
        return values[name]?.last
    }

    private func requireDeclared(_ name: String, isFlag: Bool) {
        guard let command = commandPath.last else { preconditionFailure("ParsedArguments without a command") }
        let declared = isFlag
            ? command.flag(named: name) != nil
            : command.option(named: name) != nil || command.arguments.contains { $0.name == name }
        precondition(declared, "programming error: '\(commandName)' declares no \(isFlag ? "flag" : "option or argument") '\(name)'")
    }

    private func required<Value>(_ name: String, _ value: Value?) -> Value {
        guard let value else {
            preconditionFailure("programming error: '\(name)' of '\(commandName)' has no value and no default; use the IfPresent getter")
        }
        return value
    }

    private func wrongKind(_ name: String, _ expected: String, _ value: ParsedValue) -> Never {
        preconditionFailure("programming error: '\(name)' of '\(commandName)' read as \(expected) but holds \(value)")
    }
}
