/// `keepalive-lab bench`: performance benchmarks of the kernel and the model.
/// A group: each benchmark is a subcommand in its own file.
enum BenchCommand {
    static let definition = CommandDefinition(
        name: "bench",
        abstract: "Measure the speed of the simulator and of the live rig.",
        discussion: """
            Benchmarks are commands rather than timed tests: run them in release builds \
            (swift build -c release) on an otherwise idle machine.
            """,
        subcommands: [
            BenchKernelCommand.definition,
            BenchModelCommand.definition,
            BenchLiveCommand.definition,
        ]
    )
}
