import ProxyModel

/// Walks an nginx.conf's directive tree (`NginxConfReader`) into the
/// model's nginx section: the main and `events` contexts here, `upstream`
/// blocks in `+Upstream`, servers and locations in `+Location`, the model
/// file in `+Model`. What the model does not cover becomes a note.
struct NginxConfImporter {
    let mainFile: String
    let options: NginxConfImport.Options
    var notes: [String] = []
    var configuration: NginxConfiguration
    /// The upstream blocks read, with their directives, in order.
    var upstreams: [ImportedUpstream] = []
    /// `map $http_upgrade $VARIABLE {...}`: what each variable is for a request
    /// without an Upgrade header (looked up only).
    var upgradeMaps: [String: ConnectionHeaderValue] = [:]
    /// The proxying locations read, in order, with where their directives are.
    var locations: [ImportedLocation] = []
    /// Where directives outside upstreams and locations are, by `scope directive` (looked up only).
    var sites: [String: NginxConfDirective] = [:]
    /// The client keepalive directives and `listen ... reuseport` come from the first server with a proxying location.
    var clientSettingsServer: Int?
    /// `listen ... backlog=N` of that server, if written.
    var listenBacklog: Int?

    struct ImportedUpstream {
        var block: UpstreamBlock
        var directive: NginxConfDirective
        var sites: [String: NginxConfDirective]
        /// Whether some location passes to it (the model refuses an upstream none does).
        var referenced = false
    }

    struct ImportedLocation {
        var location: ProxyLocation
        var directive: NginxConfDirective
        var sites: [String: NginxConfDirective]
    }

    init(mainFile: String, options: NginxConfImport.Options) {
        self.mainFile = mainFile
        self.options = options
        configuration = NginxConfiguration(version: options.version)
    }

    /// The main context (nginx.c's core module, the `events` block, `http`).
    mutating func readMain(_ directives: [NginxConfDirective]) throws(NginxConfError) {
        var http: NginxConfDirective?
        for directive in directives {
            switch directive.name {
            case "worker_processes":
                try requireArguments(directive, 1...1)
                _ = try requireBlock(directive, false)
                if directive.arguments[0] == "auto" {
                    configuration.workerProcesses = options.cores
                    notes.append("worker_processes auto (\(directive.site(mainFile: mainFile))): \(options.cores), \(options.coresSource)")
                } else {
                    configuration.workerProcesses = try number(directive, minimum: 1, modelled: 1...1024)
                }
                sites["main worker_processes"] = directive
            case "events":
                try readEvents(try requireBlock(directive, true))
            case "http":
                _ = try requireBlock(directive, true)
                if http != nil { throw error(directive, "\"http\" directive is duplicate") }
                http = directive
            default:
                ignore(directive)
            }
        }
        guard let http else {
            throw NginxConfError(file: mainFile, line: nil, message: "no \"http\" block: nothing proxies HTTP requests to model")
        }
        try readHTTP(http)
    }

    /// The `events` block (ngx_event.c).
    private mutating func readEvents(_ directives: [NginxConfDirective]) throws(NginxConfError) {
        for directive in directives {
            switch directive.name {
            case "worker_connections": configuration.workerConnections = try number(directive, minimum: 1, modelled: 2...1_048_576)
            case "accept_mutex": configuration.acceptMutex = try flag(directive)
            case "accept_mutex_delay":
                // Refused by the model with accept_mutex on (not simulated); kept only where it changes nothing.
                let delay = try time(directive)
                if directives.contains(where: { $0.name == "accept_mutex" && $0.arguments == ["on"] }) {
                    notes.append("ignored: accept_mutex_delay (\(directive.site(mainFile: mainFile))): not simulated; "
                        + "the model passes the accept mutex on at each new connection")
                    continue
                }
                configuration.acceptMutexDelay = delay
            case "multi_accept":
                if try flag(directive) {
                    notes.append("ignored: multi_accept on (\(directive.site(mainFile: mainFile))): not simulated; "
                        + "the model hands each connection to a worker as it arrives")
                    continue
                }
                configuration.multiAccept = false
            default:
                ignore(directive)
                continue
            }
            sites["events \(directive.name)"] = directive
        }
    }

    /// The `http` block: maps and upstreams first (a location may name an
    /// upstream defined after it), then its own settings, then the servers.
    private mutating func readHTTP(_ http: NginxConfDirective) throws(NginxConfError) {
        let directives = try requireBlock(http, true)
        for directive in directives {
            switch directive.name {
            case "upstream": try readUpstream(directive)
            case "map": try readMap(directive)
            default: break
            }
        }
        var client = ClientKeepaliveDirectives()
        var servers: [NginxConfDirective] = []
        for directive in directives {
            switch directive.name {
            case "upstream", "map": continue
            case "server": servers.append(directive)
            default:
                if try readClientKeepalive(directive, into: &client, scope: "http") { continue }
                if Self.isProxySetting(directive) { continue }
                ignore(directive)
            }
        }
        let settings = try readProxyLevel(directives, inheriting: NginxProxySettings())
        for server in servers { try readServer(server, inherited: settings, client: client) }

        guard !locations.isEmpty else {
            throw NginxConfError(file: mainFile, line: nil,
                                 message: "no location passes requests with proxy_pass: nothing to model")
        }
        for index in upstreams.indices where !upstreams[index].referenced {
            let directive = upstreams[index].directive
            notes.append("ignored: upstream \(upstreams[index].block.name) (\(directive.site(mainFile: mainFile))): no location passes to it")
        }
        upstreams.removeAll { !$0.referenced }
    }

    /// `map $http_upgrade $VARIABLE { default upgrade; '' VALUE; }`: the map
    /// nginx's WebSocket documentation pairs with `proxy_set_header Connection`.
    /// Other maps do not concern the model.
    private mutating func readMap(_ directive: NginxConfDirective) throws(NginxConfError) {
        try requireArguments(directive, 2...2)
        let entries = try requireBlock(directive, true)
        guard directive.arguments[0] == "$http_upgrade" else {
            ignore(directive)
            return
        }
        // A request without an Upgrade header has an empty $http_upgrade: the '' entry, else the default.
        let entry = entries.first { $0.name.isEmpty } ?? entries.first { $0.name == "default" }
        guard let value = entry?.arguments.first.flatMap(Self.connectionValue) else {
            ignore(directive, "plain requests would get no Connection value the model covers (\"\", close, keep-alive)")
            return
        }
        upgradeMaps[String(directive.arguments[1].dropFirst())] = value
    }

    /// A `Connection` header value the model distinguishes.
    static func connectionValue(_ text: String) -> ConnectionHeaderValue? {
        switch text.lowercased() {
        case "": return .empty
        case "close": return .close
        case "keep-alive": return .keepAlive
        default: return nil
        }
    }

    /// Client-side keepalive (ngx_http_core_module.c); true when `directive` is one.
    mutating func readClientKeepalive(
        _ directive: NginxConfDirective, into client: inout ClientKeepaliveDirectives, scope: String
    ) throws(NginxConfError) -> Bool {
        switch directive.name {
        case "keepalive_timeout":
            client.keepaliveTimeout = try time(directive, arguments: 1...2)
            if directive.arguments.count == 2 {
                notes.append("keepalive_timeout \(directive.arguments[1]) (\(directive.site(mainFile: mainFile))): "
                    + "the Keep-Alive response header's timeout is not modelled; the idle timeout is")
            }
        case "keepalive_requests": client.keepaliveRequests = try number(directive)
        case "keepalive_time": client.keepaliveTime = try time(directive)
        case "keepalive_min_timeout": client.keepaliveMinTimeout = try time(directive)
        default: return false
        }
        sites["\(scope) \(directive.name)"] = directive
        return true
    }
}
