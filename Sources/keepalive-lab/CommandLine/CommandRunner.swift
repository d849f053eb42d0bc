import Glibc

/// Runs one command line: parse -> validate -> run, then maps the outcome to
/// an exit status (0 success, 1 failure, 64 usage error) and prints
/// diagnostics on standard error.
enum CommandRunner {
    /// Runs `arguments` (including the program path, as in `CommandLine.arguments`)
    /// against the command tree under `root`; returns the process exit status.
    static func main(arguments: [String], root: CommandDefinition) -> Int32 {
        // A closed pipe must make write(2) fail with EPIPE, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        var console = Console()
        var status = execute(Array(arguments.dropFirst()), root: root, console: &console)
        console.out.flush()
        switch console.out.state {
        case .open, .brokenPipe:
            break  // A reader that went away (`| head`) wants nothing more: exit quietly.
        case .failed(let error):
            console.err.writeLine("\(root.name): error: cannot write to standard output: \(String(cString: strerror(error)))")
            status = .failure
        }
        console.err.flush()
        return status.rawValue
    }

    static func execute(_ words: [String], root: CommandDefinition, console: inout Console) -> ExitStatus {
        let parsed: ParsedArguments
        do {
            switch try ArgumentParser(root: root).parse(words) {
            case .help(let path):
                console.out.write(HelpFormatter.help(for: path))
                return .success
            case .version(let command):
                console.out.writeLine("\(command.name) \(command.version ?? "")")
                return .success
            case .run(let arguments):
                parsed = arguments
            }
        } catch {
            return report(error, root: root, console: &console)
        }

        let command: any RunnableCommand
        do {
            guard let type = parsed.commandPath.last?.command else {
                preconditionFailure("the parser returned a command that cannot run")
            }
            command = try type.init(parsed)
        } catch {
            var error = error
            if error.commandPath.isEmpty { error.commandPath = parsed.commandPath }
            return report(error, root: root, console: &console)
        }

        do {
            try command.run(&console)
            return .success
        } catch {
            console.err.writeLine("\(root.name): error: \(error.message)")
            return error.status
        }
    }

    /// `error: ...`, then the usage line and where the full help is.
    private static func report(_ error: UsageError, root: CommandDefinition, console: inout Console) -> ExitStatus {
        let path = error.commandPath.isEmpty ? [root] : error.commandPath
        console.err.writeLine("\(root.name): error: \(error.message)")
        console.err.writeLine("Usage: \(HelpFormatter.usageLine(for: path))")
        console.err.writeLine("See '\(HelpFormatter.helpInvocation(for: path))'.")
        return .usageError
    }
}
