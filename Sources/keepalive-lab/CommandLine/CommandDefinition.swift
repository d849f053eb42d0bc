/// The declarative description of one command: what help prints and what the
/// parser accepts. A command either runs (`command` is set), groups
/// subcommands, or both.
///
/// Every command gets `-h`/`--help` without declaring it; a command with a
/// `version` gets `--version` (only the root has one).
struct CommandDefinition: Sendable {
    /// The word typed on the command line, e.g. `kernel`; the root's is the executable's name.
    var name: String
    /// One line for the OVERVIEW and for the parent's SUBCOMMANDS list.
    var abstract: String
    /// Paragraphs printed under the overview in `--help`; may be empty.
    var discussion: String = ""
    /// Options that take a value, in the order help lists them.
    var options: [OptionDefinition] = []
    /// Options that take no value.
    var flags: [FlagDefinition] = []
    /// Positional arguments, in order. Only the last may repeat.
    var arguments: [ArgumentDefinition] = []
    /// Commands one level down, e.g. `bench` -> `kernel`.
    var subcommands: [CommandDefinition] = []
    /// What runs when this command is invoked; nil for a pure group such as `bench`.
    var command: (any RunnableCommand.Type)? = nil
    /// Printed by `--version` as `<name> <version>`; only the root sets it.
    var version: String? = nil

    /// The declared option with this long name (without `--`).
    func option(named name: String) -> OptionDefinition? {
        options.first { $0.name == name }
    }

    /// The declared flag with this long name (without `--`).
    func flag(named name: String) -> FlagDefinition? {
        flags.first { $0.name == name }
    }

    /// The subcommand with this name.
    func subcommand(named name: String) -> CommandDefinition? {
        subcommands.first { $0.name == name }
    }

    /// Every long option this command accepts, built-ins included, spelled `--name`:
    /// the candidates for "did you mean" and the list an unknown option prints.
    var acceptedLongOptions: [String] {
        var names = options.map { "--\($0.name)" } + flags.map { "--\($0.name)" } + ["--help"]
        if version != nil { names.append("--version") }
        return names
    }
}
