/// A command that can run: the validate and run stages of parse -> validate -> run.
///
/// To add a command: write a type conforming to this protocol with a
/// `static let definition: CommandDefinition` whose `command` is the type
/// itself, and list that definition in its parent's `subcommands`
/// (`RootCommand` for a top-level command).
protocol RunnableCommand: Sendable {
    /// Validate: read the parsed, already typed values and check what the
    /// parser cannot (combinations of options, cross-field limits).
    init(_ arguments: ParsedArguments) throws(UsageError)

    /// Run: do the work. Data goes to `console.out`, diagnostics to `console.err`.
    /// Throw `CommandFailure` for a failure (exit status 1).
    func run(_ console: inout Console) throws(CommandFailure)
}
