import Scenario

/// `keepalive-lab nginx export MODEL`: the model's proxy as a complete nginx.conf.
struct NginxExportCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "export",
        abstract: "Write a model's nginx as a complete nginx.conf for real nginx.",
        discussion: """
            Everything in the model's nginx section that nginx expresses is written: \
            worker_processes, the events settings, client keepalive, every upstream \
            (servers and their parameters, balancing method, keepalive directives, zone) \
            and every location (proxy_pass, proxy_http_version, the Connection header, \
            proxy_next_upstream settings, timeouts, buffering). Directives the model leaves \
            to nginx's version defaults are left out, as in the model. The model's own \
            parameters (CPU costs, the kernel's accept behaviour) are listed in comments; \
            a value nginx cannot write (a time below a millisecond) is an error.

            The file runs as is with 'nginx -c FILE -p PREFIX': daemon off, and pid, \
            error and access logs and every *_temp_path under the prefix (--prefix, else \
            relative to nginx's -p). nginx listens on 127.0.0.1:PORT-BASE; the model's \
            backend instance i (one per distinct server address, numbered from 0 in order \
            of first appearance) is reached at 127.0.0.1:(PORT-BASE + 1 + i), where the \
            live backends listen; the comments list the mapping. The access log format \
            has $msec, $connection, $connection_requests, $request_time, $status, \
            $upstream_addr, $upstream_status, $upstream_connect_time.

            Examples:
              keepalive-lab nginx export models/default.json5 --out nginx.conf --prefix /tmp/lab
              nginx -t -c $PWD/nginx.conf -p /tmp/lab -e /tmp/lab/error.log
            """,
        options: [
            .outFile("NGINX.CONF", holding: "the nginx.conf"),
            OptionDefinition(
                name: "prefix", valueName: "DIR", kind: .path,
                help: "The directory for nginx's pid, logs and temporary files. (default: relative to nginx's -p)"),
            OptionDefinition(
                name: "port-base", valueName: "N", kind: .integer(1...65_534), defaultValue: "\(NginxConfExport.defaultPortBase)",
                help: "nginx listens on 127.0.0.1:N; backend instance i on N + 1 + i."),
        ],
        arguments: [
            ArgumentDefinition(name: "model", valueName: "MODEL", help: "The scenario file (JSON5)."),
        ],
        command: NginxExportCommand.self
    )

    var modelPath: String
    var outPath: String?
    var prefix: String?
    var portBase: Int

    init(_ arguments: ParsedArguments) throws(UsageError) {
        modelPath = arguments.string("model")
        outPath = arguments.stringIfPresent("out")
        prefix = arguments.stringIfPresent("prefix")
        portBase = arguments.integer("port-base")
        if let outPath { try OutputPath.check(outPath, option: "--out", isNot: modelPath, what: "the model") }
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        let result: NginxConfExport.Result
        do {
            result = try NginxConfExport.exportModel(path: modelPath, options: NginxConfExport.Options(prefix: prefix, portBase: portBase))
        } catch {
            switch error {
            case .model(let diagnostics) where diagnostics.items.count > 1:
                console.err.writeLine(diagnostics.description)
                throw CommandFailure("cannot export '\(modelPath)': the model has \(diagnostics.items.count) problems (listed above)")
            case .notExpressible(let errors) where errors.count > 1:
                console.err.writeLine(error.description)
                throw CommandFailure("cannot export '\(modelPath)': \(errors.count) values nginx.conf cannot write (listed above)")
            default:
                throw CommandFailure(error.description)
            }
        }
        try TextFile.write(result.text, to: outPath ?? "-", console: &console)
    }
}
