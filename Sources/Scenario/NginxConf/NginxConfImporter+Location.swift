import ProxyModel

/// `server` and `location` blocks (ngx_http_core_module.c) and the proxy
/// directives they carry (ngx_http_proxy_module.c).
extension NginxConfImporter {
    /// The proxy directives the model covers; the value of each is read by `readProxySetting`.
    static let proxySettingNames: Set<String> = [
        "proxy_http_version", "proxy_set_header", "proxy_next_upstream", "proxy_next_upstream_tries",
        "proxy_next_upstream_timeout", "proxy_connect_timeout", "proxy_read_timeout", "proxy_send_timeout",
        "proxy_buffering", "proxy_request_buffering",
    ]

    static func isProxySetting(_ directive: NginxConfDirective) -> Bool { proxySettingNames.contains(directive.name) }

    /// One `server` block. The model has one server: its client keepalive
    /// directives and `listen ... reuseport` come from the first server with a
    /// proxying location; the locations of every server are read.
    mutating func readServer(
        _ server: NginxConfDirective, inherited: NginxProxySettings, client inheritedClient: ClientKeepaliveDirectives
    ) throws(NginxConfError) {
        let directives = try requireBlock(server, true)
        try requireArguments(server, 0...0)
        let settings = try readProxyLevel(directives, inheriting: inherited)
        var client = inheritedClient
        var reuseport = false
        var backlog: Int?
        var http2: Bool?
        var maxStreams: Int?
        var nested: [NginxConfDirective] = []
        for directive in directives {
            switch directive.name {
            case "location": nested.append(directive)
            case "listen":
                try requireArguments(directive, 1...Int.max)
                if directive.arguments.dropFirst().contains("reuseport") { reuseport = true }
                if directive.arguments.dropFirst().contains("http2") { http2 = true }
                if let parameter = directive.arguments.dropFirst().last(where: { $0.hasPrefix("backlog=") }) {
                    backlog = try listenBacklog(parameter, directive)
                }
                ignore(directive, "clients reach nginx over network.client_proxy; only the reuseport, backlog and http2 parameters are modelled")
            case "http2":
                // ngx_http_v2_module's "http2" directive arrived in 1.25.1; before, nginx refuses it as unknown.
                guard configuration.version >= NginxVersion.http2DirectiveAdded else {
                    throw error(directive, "unknown directive \"http2\": nginx \(configuration.version) does not have it (added in "
                        + "\(NginxVersion.http2DirectiveAdded); before, HTTP/2 is the http2 parameter of listen)")
                }
                http2 = try flag(directive)
                sites["server http2"] = directive
            case "http2_max_concurrent_streams":
                maxStreams = try number(directive)
                sites["server http2_max_concurrent_streams"] = directive
            default:
                if try readClientKeepalive(directive, into: &client, scope: "http") { continue }
                if Self.isProxySetting(directive) { continue }
                ignore(directive)
            }
        }
        let before = locations.count
        for location in nested { try readLocation(location, inherited: settings) }
        guard locations.count > before else { return }
        if clientSettingsServer == nil {
            clientSettingsServer = server.line
            configuration.client = client
            configuration.reuseport = reuseport ? true : nil
            configuration.http2 = http2
            configuration.http2MaxConcurrentStreams = maxStreams
            listenBacklog = backlog
        } else if client != configuration.client || reuseport != (configuration.reuseport ?? false) {
            notes.append("server (\(server.site(mainFile: mainFile))): its client keepalive settings or reuseport differ "
                + "from the first server's; the model has one server block, and the first server's apply")
        }
    }

    /// A `location` block: a proxying one (with `proxy_pass`) becomes a model
    /// location; locations nested in it inherit its settings.
    private mutating func readLocation(_ directive: NginxConfDirective, inherited: NginxProxySettings) throws(NginxConfError) {
        let directives = try requireBlock(directive, true)
        try requireArguments(directive, 1...2)
        let path = directive.arguments.joined(separator: " ")
        let settings = try readProxyLevel(directives, inheriting: inherited)
        var proxyPass: NginxConfDirective?
        var nested: [NginxConfDirective] = []
        for child in directives {
            switch child.name {
            case "location": nested.append(child)
            case "proxy_pass":
                try requireArguments(child, 1...1)
                _ = try requireBlock(child, false)
                if proxyPass != nil { throw error(child, "\"proxy_pass\" directive is duplicate") }
                proxyPass = child
            case "if":
                ignore(child, "if blocks are kept opaque; the model proxies every request as the location does")
            case "keepalive_timeout", "keepalive_requests", "keepalive_time", "keepalive_min_timeout":
                ignore(child, "the model's client keepalive settings are the server's")
            default:
                if Self.isProxySetting(child) { continue }
                ignore(child)
            }
        }
        if let proxyPass {
            if locations.contains(where: { $0.location.path == path }) {
                ignore(directive, "a location with this path was read before (the model has one server block)")
            } else {
                let target = try proxyPassTarget(proxyPass)
                var locationSites = settings.sites
                locationSites["proxy_pass"] = proxyPass
                locations.append(ImportedLocation(
                    location: settings.location(path: path, proxyPass: target), directive: directive, sites: locationSites))
            }
        } else if nested.isEmpty {
            ignore(directive, "no proxy_pass")
        }
        for location in nested { try readLocation(location, inherited: settings) }
    }

    /// `proxy_pass http://NAME[/uri]`: an upstream block's name, else an address
    /// (nginx's implicit upstream); a variable stays symbolic and is an implicit
    /// upstream too, as nginx resolves it per request without a keepalive cache.
    private mutating func proxyPassTarget(_ directive: NginxConfDirective) throws(NginxConfError) -> ProxyPassTarget {
        let url = directive.arguments[0]
        let site = directive.site(mainFile: mainFile)
        var rest: Substring
        if url.lowercased().hasPrefix("http://") {
            rest = url.dropFirst(7)
        } else if url.lowercased().hasPrefix("https://") {
            rest = url.dropFirst(8)
            notes.append("proxy_pass \(url) (\(site)): TLS to the backends is network.proxy_backend.tls in the model, to be filled in")
        } else if url.hasPrefix("$") {
            rest = url[...]
        } else {
            throw error(directive, "invalid URL prefix in \"\(url)\"")
        }
        let host: String
        if rest.hasPrefix("unix:") {
            let path = rest.dropFirst(5)
            host = "unix:" + (path.firstIndex(of: ":").map { path[..<$0] } ?? path)
        } else {
            host = String(rest.prefix { $0 != "/" && $0 != "?" })
        }
        guard !host.isEmpty else { throw error(directive, "no host in \"\(url)\" of the \"proxy_pass\" directive") }
        if let index = upstreams.firstIndex(where: { $0.block.name == host }) {
            upstreams[index].referenced = true
            return .upstream(host)
        }
        if host.contains("$") {
            notes.append("proxy_pass \(url) (\(site)): a variable, kept symbolic: an implicit upstream, which never caches connections")
        }
        return .address(Self.modelAddress(annotatedBy: directive) ?? Self.withDefaultPort(host, port: url.hasPrefix("https://") ? 443 : 80))
    }

    /// The model's own address that an export by keepalive-lab wrote after a
    /// loopback one (`# keepalive-lab: model address 10.0.1.11:3000`), so that
    /// importing an export gives back the model.
    static func modelAddress(annotatedBy directive: NginxConfDirective) -> String? {
        guard let comment = directive.trailingComment, comment.hasPrefix(NginxConfExport.addressAnnotation) else { return nil }
        let address = comment.dropFirst(NginxConfExport.addressAnnotation.count).prefix { $0 != " " }
        return address.isEmpty ? nil : String(address)
    }

    /// The proxy settings of one level: the parent's, overridden by what this level writes.
    mutating func readProxyLevel(_ directives: [NginxConfDirective], inheriting parent: NginxProxySettings) throws(NginxConfError) -> NginxProxySettings {
        var settings = parent
        if directives.contains(where: { $0.name == "proxy_set_header" }) {
            settings.connectionHeader = nil
            settings.sites["proxy_set_header Connection"] = nil
        }
        for directive in directives where Self.isProxySetting(directive) {
            try readProxySetting(directive, into: &settings)
        }
        return settings
    }

    private mutating func readProxySetting(_ directive: NginxConfDirective, into settings: inout NginxProxySettings) throws(NginxConfError) {
        var key = directive.name
        switch directive.name {
        case "proxy_http_version":
            try requireArguments(directive, 1...1)
            // ngx_http_proxy_http_version knows "2" from 1.29.4; older nginx refuses it like any other value.
            let knowsHTTP2 = configuration.version >= NginxVersion.proxyHTTP2Added
            guard let version = HTTPVersion(number: directive.arguments[0]), version != .http2 || knowsHTTP2 else {
                throw error(directive, "invalid value \"\(directive.arguments[0])\" in \"proxy_http_version\" directive, "
                    + (knowsHTTP2 ? "it must be \"1.0\", \"1.1\" or \"2\"" : "it must be \"1.0\" or \"1.1\""))
            }
            settings.httpVersion = version
        case "proxy_set_header":
            try requireArguments(directive, 2...2)
            guard directive.arguments[0].lowercased() == "connection" else {
                ignore(directive)
                return
            }
            settings.connectionHeader = try connectionHeader(directive)
            key = "proxy_set_header Connection"
        case "proxy_next_upstream":
            try requireArguments(directive, 1...Int.max)
            switch NextUpstreamConditions.parse(directive.arguments) {
            case .success(let conditions): settings.nextUpstream = conditions
            case .failure(let unknown):
                throw error(directive, "invalid value \"\(unknown.word)\" in \"proxy_next_upstream\" directive")
            }
        case "proxy_next_upstream_tries": settings.nextUpstreamTries = try number(directive)
        case "proxy_next_upstream_timeout": settings.nextUpstreamTimeout = try time(directive)
        case "proxy_connect_timeout": settings.connectTimeout = try time(directive)
        case "proxy_read_timeout": settings.readTimeout = try time(directive)
        case "proxy_send_timeout": settings.sendTimeout = try time(directive)
        case "proxy_buffering": settings.buffering = try flag(directive)
        case "proxy_request_buffering": settings.requestBuffering = try flag(directive)
        default: return
        }
        settings.sites[key] = directive
    }

    /// `proxy_set_header Connection VALUE`: a fixed value, or a variable of a
    /// `map $http_upgrade` (the WebSocket recipe).
    private func connectionHeader(_ directive: NginxConfDirective) throws(NginxConfError) -> UpstreamConnectionHeader {
        let value = directive.arguments[1]
        if value.hasPrefix("$") {
            let name = String(value.dropFirst()).trimmingCharacters(in: "{}")
            guard let plain = upgradeMaps[name] else {
                throw error(directive, "proxy_set_header Connection \(value): the model covers a fixed value "
                    + "(\"\", close, keep-alive) or a variable of a \"map $http_upgrade\" block")
            }
            return .upgradeMap(plainRequests: plain)
        }
        guard let fixed = Self.connectionValue(value) else {
            throw error(directive, "proxy_set_header Connection \"\(value)\": the model covers \"\", close and keep-alive")
        }
        return .fixed(fixed)
    }
}

extension String {
    /// Without the given characters at either end.
    func trimmingCharacters(in characters: String) -> String {
        let set = Set(characters)
        guard let first = firstIndex(where: { !set.contains($0) }) else { return "" }
        let last = lastIndex(where: { !set.contains($0) }) ?? first
        return String(self[first...last])
    }
}
