import ProxyModel

/// The top of the command tree: `keepalive-lab`. A new top-level command
/// adds its definition to `subcommands`.
enum RootCommand {
    static let definition = CommandDefinition(
        name: "keepalive-lab",
        abstract: "Simulate and measure nginx reverse-proxy upstream keepalive pools.",
        discussion: """
            A deterministic discrete-event simulator of clients, nginx workers with their \
            upstream keepalive caches, the network and backends with idle timeouts. \
            The same model and seed give byte-identical output.
            """,
        subcommands: [
            SimulateCommand.definition,
            SweepCommand.definition,
            PlanCommand.definition,
            DemoCommand.definition,
            ReplayCommand.definition,
            CompareCommand.definition,
            ServeCommand.definition,
            NginxCommand.definition,
            TraceCommand.definition,
            CalibrateCommand.definition,
            BenchCommand.definition,
        ],
        version: ProxyModelInfo.toolVersion
    )
}
