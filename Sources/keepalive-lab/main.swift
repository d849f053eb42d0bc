import Glibc

// Everything happens in CommandRunner; the command tree starts at RootCommand.
exit(CommandRunner.main(arguments: CommandLine.arguments, root: RootCommand.definition))
