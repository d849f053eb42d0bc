/// A problem with how the command was invoked: exit status 64 (EX_USAGE).
///
/// The message names the problem; the runner adds a one-line usage hint and
/// a pointer to `--help` for the command the problem belongs to.
struct UsageError: Error, Sendable {
    /// What was wrong and, where it helps, what would be valid.
    var message: String
    /// The command the problem belongs to, root first; the runner fills it
    /// in for errors thrown while validating.
    var commandPath: [CommandDefinition]

    init(_ message: String, commandPath: [CommandDefinition] = []) {
        self.message = message
        self.commandPath = commandPath
    }
}
