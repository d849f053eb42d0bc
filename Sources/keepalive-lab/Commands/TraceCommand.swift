/// `keepalive-lab trace`: traffic traces. A group: import, inspect, generate.
enum TraceCommand {
    static let definition = CommandDefinition(
        name: "trace",
        abstract: "Import nginx access logs as traces, inspect traces, write a model's traffic as a trace.",
        discussion: """
            A trace is a CSV file of requests with their intended send times (format: \
            models/README.md, Trace files). A model replays one with \
            traffic: { trace: "FILE" } (or { file: "FILE", speed: 2 } to replay it faster), \
            in simulate, sweep and plan alike.

            Examples:
              keepalive-lab trace import /var/log/nginx/access.log.1.gz --out monday.csv
              keepalive-lab trace inspect monday.csv
              keepalive-lab trace generate models/default.json5 --out default.csv
            """,
        subcommands: [
            TraceImportCommand.definition,
            TraceInspectCommand.definition,
            TraceGenerateCommand.definition,
        ]
    )
}
