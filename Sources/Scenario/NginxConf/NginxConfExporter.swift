import ProxyModel

/// Writes one model as nginx.conf (see `NginxConfExport`): the main and
/// `events` contexts and the `http` block here, upstreams and the server in
/// `+Proxy`. Values nginx cannot write are collected in `errors`; model
/// parameters nginx has no directive for become `notes`.
struct NginxConfExporter {
    let modelPath: String
    let definition: ScenarioDefinition
    let model: ScenarioModel
    let sha256: String
    let options: NginxConfExport.Options
    private(set) var errors: [NginxConfError] = []
    private(set) var notes: [String] = []

    init(modelPath: String, definition: ScenarioDefinition, model: ScenarioModel, sha256: String, options: NginxConfExport.Options) {
        self.modelPath = modelPath
        self.definition = definition
        self.model = model
        self.sha256 = sha256
        self.options = options
    }

    var configuration: NginxConfiguration { definition.nginx.configuration }

    mutating func text() -> String {
        collectNotes()
        var conf = NginxConfText()
        conf.comment(header())
        conf.blankLine()
        conf.directive("daemon", ["off"], trailing: "in the foreground: the tool that starts nginx waits for it; stop with nginx -s quit")
        if let workers = configuration.workerProcesses { conf.directive("worker_processes", ["\(workers)"]) }
        conf.directive("pid", [path("nginx.pid")])
        conf.directive("lock_file", [path("nginx.lock")])
        conf.directive("error_log", [path("error.log"), "notice"])
        conf.blankLine()
        conf.block("events", []) { events in
            if let connections = configuration.workerConnections { events.directive("worker_connections", ["\(connections)"]) }
            if let mutex = configuration.acceptMutex { events.directive("accept_mutex", [Self.flag(mutex)]) }
            if let delay = configuration.acceptMutexDelay {
                events.directive("accept_mutex_delay", [time(delay, field: "nginx.accept_mutex_delay")])
            }
            if let multi = configuration.multiAccept { events.directive("multi_accept", [Self.flag(multi)]) }
        }
        conf.blankLine()
        conf.block("http", []) { http in
            writeHTTP(&http)
        }
        return conf.text
    }

    private mutating func writeHTTP(_ http: inout NginxConfText) {
        http.directive("log_format", [NginxConfExport.logFormatName] + NginxConfExport.logFormat)
        http.directive("access_log", [path("access.log"), NginxConfExport.logFormatName])
        for (directive, directory) in Self.temporaryPaths { http.directive(directive, [path(directory)]) }
        let client = configuration.client
        if let timeout = client.keepaliveTimeout { http.directive("keepalive_timeout", [time(timeout, field: "nginx.keepalive_timeout")]) }
        if let requests = client.keepaliveRequests { http.directive("keepalive_requests", ["\(requests)"]) }
        if let age = client.keepaliveTime { http.directive("keepalive_time", [time(age, field: "nginx.keepalive_time")]) }
        if let minimum = client.keepaliveMinTimeout {
            http.directive("keepalive_min_timeout", [time(minimum, field: "nginx.keepalive_min_timeout")])
        }
        writeUpgradeMaps(&http)
        for (index, block) in configuration.upstreams.enumerated() {
            http.blankLine()
            writeUpstream(block, index: index, to: &http)
        }
        http.blankLine()
        writeServer(&http)
    }

    /// Every `*_temp_path` nginx has, so that nothing goes to the compiled-in /var/lib/nginx.
    static let temporaryPaths = [
        ("client_body_temp_path", "client_body_temp"), ("proxy_temp_path", "proxy_temp"),
        ("fastcgi_temp_path", "fastcgi_temp"), ("uwsgi_temp_path", "uwsgi_temp"), ("scgi_temp_path", "scgi_temp"),
    ]

    /// A file under the prefix: absolute with `--prefix`, else relative, which nginx resolves against `-p`.
    func path(_ name: String) -> String {
        guard let prefix = options.prefix else { return name }
        return prefix.hasSuffix("/") ? prefix + name : prefix + "/" + name
    }

    static func flag(_ value: Bool) -> String { value ? "on" : "off" }

    /// A duration in nginx's syntax, or an error naming the field when nginx cannot write it.
    mutating func time(_ span: TimeSpan, field: String, secondsOnly: Bool = false) -> String {
        if let text = NginxTime.format(span, secondsOnly: secondsOnly) { return text }
        let unit = secondsOnly ? "whole seconds" : "whole milliseconds"
        errors.append(NginxConfError(file: modelPath, line: nil, message:
            "\(field): \(span.formatted()): nginx writes this directive's time in \(unit)"))
        return "0"
    }

    /// The port nginx reaches the backend at `address` on.
    func port(of address: String) -> Int {
        let instance = model.backends.firstIndex { $0.address == address } ?? 0
        return NginxConfExport.backendPort(instance: instance, portBase: options.portBase)
    }

    private mutating func collectNotes() {
        let costs = definition.nginx.costs
        if !costs.isFree {
            notes.append("nginx.cpu (accept \(costs.accept), connect \(costs.connect), request \(costs.request), "
                + "response \(costs.response), close \(costs.close), tls_handshake \(costs.tlsHandshake)): "
                + "the model's CPU costs; real nginx spends its own")
        }
        if case .exclusiveWakeup(let burst, let wakeOrder) = model.acceptStrategy {
            notes.append("nginx.accept (burst \(burst), wake_order \(SchemaChoices.wakeOrder.name(of: wakeOrder))): "
                + "how the model's kernel hands connections to workers; the real kernel decides")
        }
        for block in configuration.upstreams where block.balancingDeclaredAfterKeepalive && block.keepalive == nil {
            notes.append("nginx.upstreams.\(block.name).balancing_after_keepalive: no keepalive is written to order the method after")
        }
        if configuration.reuseport == false {
            notes.append("nginx.reuseport false: nginx's default, a listen without reuseport")
        }
        for block in configuration.upstreams where block.balancing == "round_robin" {
            notes.append("nginx.upstreams.\(block.name).balancing round_robin: nginx's default, which has no directive")
        }
        notes.append("backends, network and traffic are not nginx's: the live backends and load generator run them")
    }

    private func header() -> String {
        let file = modelPath
        var lines = [
            "nginx.conf for the model \(file) (sha256 \(sha256)), written by keepalive-lab nginx export.",
            "For nginx \(configuration.version), the model's nginx.version: directives not written here take that",
            "version's defaults, as in the model. Import it back with --nginx-version \(configuration.version).",
            "",
        ]
        if let prefix = options.prefix {
            lines += ["pid, logs and temporary files go in \(prefix) (it must exist). Check and run:",
                      "  nginx -t -c THIS_FILE -p \(prefix) -e \(path("error.log"))",
                      "  nginx -c THIS_FILE -p \(prefix) -e \(path("error.log"))      (stop: nginx -s quit with the same -c and -p)"]
        } else {
            lines += ["pid, logs and temporary files are relative to nginx's prefix PREFIX (-p; it must exist). Check and run:",
                      "  nginx -t -c THIS_FILE -p PREFIX/ -e error.log",
                      "  nginx -c THIS_FILE -p PREFIX/ -e error.log      (stop: nginx -s quit with the same -c and -p)"]
        }
        lines += [
            "",
            "Loopback ports: nginx listens on 127.0.0.1:\(options.portBase); the model's backend instance i (one per",
            "distinct server address, numbered from 0 in order of first appearance: upstream servers, then",
            "proxy_pass addresses) listens on 127.0.0.1:(\(options.portBase) + 1 + i):",
        ]
        for (index, backend) in model.backends.enumerated() {
            lines.append("  \(backend.address) (backend \(backend.name)) -> 127.0.0.1:\(NginxConfExport.backendPort(instance: index, portBase: options.portBase))")
        }
        lines += ["", "Not expressed in nginx.conf:"] + notes.map { "  " + $0 }
        if !model.nginx.warnings.isEmpty {
            lines += ["", "nginx warnings (as the model has them):"] + model.nginx.warnings.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
