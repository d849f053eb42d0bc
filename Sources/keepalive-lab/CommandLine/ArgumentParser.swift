/// What a command line asks for, once parsed.
enum ParseOutcome: Sendable {
    /// Run the last command of the path with these values.
    case run(ParsedArguments)
    /// Print the help of the last command of the path (`-h`, `--help`, `help COMMAND...`).
    case help([CommandDefinition])
    /// Print `<name> <version>` of the root (`--version`).
    case version(CommandDefinition)
}

/// Turns the words of a command line into typed values for one command,
/// following swift-argument-parser's conventions:
/// - `--name value` and `--name=value`; `-n value` for a declared short name;
/// - `--` ends options: every later word is positional;
/// - a word that starts with `-` and then a digit or `.` (`-1s`, `-5`) is a
///   value, not an option, so a negative number reaches the value's own check;
/// - subcommand names come before the subcommand's options (`bench kernel --events 10`);
/// - `-h`/`--help` on every command wins over later mistakes; `--version` on the root.
///
/// Options are collected for the command that runs; a command with
/// subcommands may run itself too (`sweep MODEL` next to `sweep merge`).
struct ArgumentParser: Sendable {
    let root: CommandDefinition

    /// The word that asks for help on a command, as in `keepalive-lab help bench kernel`.
    static let helpCommandName = "help"

    func parse(_ words: [String]) throws(UsageError) -> ParseOutcome {
        if words.first == Self.helpCommandName, root.subcommand(named: Self.helpCommandName) == nil {
            return .help(try commandPath(named: Array(words.dropFirst())))
        }
        var path = [root]
        var texts: [String: [String]] = [:]  // option name -> values as typed; looked up, never iterated
        var flags: Set<String> = []
        var positionals: [String] = []
        var optionsEnded = false
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            let command = path[path.count - 1]
            if !optionsEnded, word == "--" {
                optionsEnded = true
                continue
            }
            if !optionsEnded, Self.looksLikeOption(word) {
                let (spelling, inlineValue) = Self.split(word)
                let accepted = try resolve(spelling, in: command, path: path)
                if inlineValue != nil, !accepted.takesValue {
                    throw UsageError("\(spelling) takes no value", commandPath: path)
                }
                switch accepted {
                case .help:
                    return .help(path)
                case .version:
                    return .version(command)
                case .flag(let flag):
                    flags.insert(flag.name)
                case .option(let option):
                    let value: String
                    if let inlineValue {
                        value = inlineValue
                    } else if index < words.count, !Self.looksLikeOption(words[index]) {
                        value = words[index]
                        index += 1
                    } else {
                        throw UsageError("missing value for \(option.spelling) \(option.displayedValueName)", commandPath: path)
                    }
                    texts[option.name, default: []].append(value)
                }
                continue
            }
            // A command that runs and has subcommands (`sweep MODEL`, `sweep merge PARTS`)
            // takes a word that names no subcommand as its first argument.
            if !optionsEnded, positionals.isEmpty, !command.subcommands.isEmpty,
               command.subcommand(named: word) != nil || command.command == nil {
                guard let subcommand = command.subcommand(named: word) else {
                    throw unknownSubcommand(word, of: command, path: path)
                }
                if !texts.isEmpty || !flags.isEmpty {
                    throw UsageError("options of '\(subcommand.name)' come after its name: "
                        + "\(path.map(\.name).joined(separator: " ")) \(subcommand.name) [options]", commandPath: path)
                }
                path.append(subcommand)
                continue
            }
            positionals.append(word)
        }
        let command = path[path.count - 1]
        if command.command == nil {
            throw UsageError("missing subcommand; \(Self.subcommandList(of: command))", commandPath: path)
        }
        var values: [String: [ParsedValue]] = [:]
        try assignOptions(texts, of: command, path: path, into: &values)
        try assignArguments(positionals, of: command, path: path, into: &values)
        return .run(ParsedArguments(commandPath: path, values: values, flags: flags, words: words))
    }

    // MARK: Words

    /// `--name...` or `-x...`, but not `-`, and not a negative number such as `-1s` (a value).
    static func looksLikeOption(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1 else { return false }
        let second = word[word.index(after: word.startIndex)]
        return !(second.isASCII && (second.isNumber || second == "."))
    }

    /// `--name=value` -> (`--name`, `value`); anything else -> (word, nil).
    private static func split(_ word: String) -> (spelling: String, inlineValue: String?) {
        guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    private enum Accepted {
        case help, version
        case option(OptionDefinition)
        case flag(FlagDefinition)

        var takesValue: Bool {
            if case .option = self { return true }
            return false
        }
    }

    private func resolve(_ spelling: String, in command: CommandDefinition, path: [CommandDefinition]) throws(UsageError) -> Accepted {
        if spelling == "--help" || spelling == "-h" { return .help }
        if spelling == "--version", command.version != nil { return .version }
        if spelling.hasPrefix("--") {
            let name = String(spelling.dropFirst(2))
            if let option = command.option(named: name) { return .option(option) }
            if let flag = command.flag(named: name) { return .flag(flag) }
        } else if spelling.count == 2, let letter = spelling.last {
            if let option = command.options.first(where: { $0.short == letter }) { return .option(option) }
            if let flag = command.flags.first(where: { $0.short == letter }) { return .flag(flag) }
        }
        var message = "unknown option '\(spelling)'"
        let accepted = command.acceptedLongOptions
        if let nearest = EditDistance.nearest(to: spelling, among: accepted) {
            message += "; did you mean '\(nearest)'?"
        } else {
            message += "; '\(path.map(\.name).joined(separator: " "))' accepts \(accepted.joined(separator: ", "))"
        }
        throw UsageError(message, commandPath: path)
    }

    // MARK: Commands

    private func unknownSubcommand(_ word: String, of command: CommandDefinition, path: [CommandDefinition]) -> UsageError {
        var message = "unknown subcommand '\(word)'"
        if let nearest = EditDistance.nearest(to: word, among: command.subcommands.map(\.name)) {
            message += "; did you mean '\(nearest)'?"
        }
        return UsageError(message + "; \(Self.subcommandList(of: command))", commandPath: path)
    }

    private static func subcommandList(of command: CommandDefinition) -> String {
        "'\(command.name)' has the subcommands: \(command.subcommands.map(\.name).joined(separator: ", "))"
    }

    /// The command named by `help` followed by these words, e.g. `bench kernel`.
    private func commandPath(named names: [String]) throws(UsageError) -> [CommandDefinition] {
        var path = [root]
        for name in names {
            let command = path[path.count - 1]
            guard let subcommand = command.subcommand(named: name) else {
                if command.subcommands.isEmpty {
                    throw UsageError("'\(path.map(\.name).joined(separator: " "))' has no subcommands", commandPath: path)
                }
                throw unknownSubcommand(name, of: command, path: path)
            }
            path.append(subcommand)
        }
        return path
    }

    // MARK: Values

    private func assignOptions(
        _ texts: [String: [String]], of command: CommandDefinition, path: [CommandDefinition],
        into values: inout [String: [ParsedValue]]
    ) throws(UsageError) {
        for option in command.options {
            let given = texts[option.name] ?? []
            if given.count > 1, !option.isRepeatable {
                throw UsageError("\(option.spelling) was given \(given.count) times; it takes one value", commandPath: path)
            }
            if given.isEmpty, let defaultValue = option.defaultValue {
                guard case .success(let value) = option.kind.parse(defaultValue) else {
                    preconditionFailure("programming error: the default '\(defaultValue)' of \(option.spelling) is invalid")
                }
                values[option.name] = [value]
                continue
            }
            for text in given {
                switch option.kind.parse(text) {
                case .success(let value): values[option.name, default: []].append(value)
                case .failure(let problem):
                    throw UsageError("invalid value for \(option.spelling): \(problem.explanation)", commandPath: path)
                }
            }
        }
    }

    private func assignArguments(
        _ positionals: [String], of command: CommandDefinition, path: [CommandDefinition],
        into values: inout [String: [ParsedValue]]
    ) throws(UsageError) {
        var remaining = positionals[...]
        for argument in command.arguments {
            let taken: ArraySlice<String>
            if argument.isRepeating {
                taken = remaining
                remaining = []
            } else {
                taken = remaining.prefix(1)
                remaining = remaining.dropFirst(taken.count)
            }
            if taken.isEmpty, argument.isRequired {
                throw UsageError("missing argument \(argument.valueName)", commandPath: path)
            }
            for text in taken {
                switch argument.kind.parse(text) {
                case .success(let value): values[argument.name, default: []].append(value)
                case .failure(let problem):
                    throw UsageError("invalid \(argument.valueName): \(problem.explanation)", commandPath: path)
                }
            }
        }
        if let unexpected = remaining.first {
            throw UsageError("unexpected argument '\(unexpected)'", commandPath: path)
        }
    }
}
