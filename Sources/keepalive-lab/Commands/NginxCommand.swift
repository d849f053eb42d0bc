/// `keepalive-lab nginx`: between nginx.conf files and models. A group: import and export.
enum NginxCommand {
    static let definition = CommandDefinition(
        name: "nginx",
        abstract: "Read an nginx.conf into a model, or write a model's proxy as an nginx.conf.",
        discussion: """
            'nginx import' reads your nginx.conf (and what it includes) into a model file \
            whose backends, network and traffic you then fill in; 'nginx export' writes a \
            model's nginx as a complete nginx.conf for real nginx, its upstream servers on \
            loopback ports where the live backends listen. Importing an export gives the \
            same model.

            Examples:
              keepalive-lab nginx import /etc/nginx/nginx.conf --out mine.json5
              keepalive-lab nginx export models/default.json5 --out nginx.conf --prefix /tmp/lab
            """,
        subcommands: [
            NginxImportCommand.definition,
            NginxExportCommand.definition,
        ]
    )
}
