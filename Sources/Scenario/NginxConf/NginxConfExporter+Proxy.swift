import ProxyModel

/// The proxying part of the export: `upstream` blocks, the `map` a
/// `$connection_upgrade` header needs, and the one `server` with its locations.
extension NginxConfExporter {
    /// The variable of the WebSocket map whose `''` entry is `value`: nginx's
    /// documented map (`'' close`) keeps its documented name.
    static func upgradeVariable(_ value: ConnectionHeaderValue) -> String {
        switch value {
        case .close: return "connection_upgrade"
        case .empty: return "connection_upgrade_empty"
        case .keepAlive: return "connection_upgrade_keepalive"
        }
    }

    /// One `map $http_upgrade` per plain-request value some location uses, in the order first used.
    func writeUpgradeMaps(_ http: inout NginxConfText) {
        var written: [ConnectionHeaderValue] = []
        for location in configuration.locations {
            guard case .upgradeMap(let plain)? = location.connectionHeader, !written.contains(plain) else { continue }
            written.append(plain)
            http.block("map", ["$http_upgrade", "$" + Self.upgradeVariable(plain)]) { map in
                map.directive("default", ["upgrade"])
                map.directive("", [Self.connectionWord(plain)])
            }
        }
    }

    private static func connectionWord(_ value: ConnectionHeaderValue) -> String {
        switch value {
        case .empty: return ""
        case .close: return "close"
        case .keepAlive: return "keep-alive"
        }
    }

    mutating func writeUpstream(_ block: UpstreamBlock, index: Int, to http: inout NginxConfText) {
        let field = "nginx.upstreams.\(block.name)"
        let balancing = block.balancing.flatMap { Self.balancingWords($0, key: block.hashKey) }
        http.block("upstream", [block.name]) { upstream in
            if let zone = block.zone { upstream.directive("zone", [zone, "64k"]) }
            let afterKeepalive = block.balancingDeclaredAfterKeepalive && block.keepalive != nil
            if let balancing, !afterKeepalive { upstream.directive(balancing[0], Array(balancing.dropFirst())) }
            for (s, server) in block.servers.enumerated() {
                upstream.directive("server", ["127.0.0.1:\(port(of: server.address))"]
                    + serverParameters(server, field: "\(field).servers[\(s)]"),
                    trailing: NginxConfExport.addressAnnotation + server.address)
            }
            if let keepalive = block.keepalive {
                upstream.directive("keepalive", ["\(keepalive.connections)"] + (keepalive.local ? ["local"] : []))
            }
            if let balancing, afterKeepalive { upstream.directive(balancing[0], Array(balancing.dropFirst())) }
            if let timeout = block.keepaliveTimeout {
                upstream.directive("keepalive_timeout", [time(timeout, field: "\(field).keepalive_timeout")])
            }
            if let requests = block.keepaliveRequests { upstream.directive("keepalive_requests", ["\(requests)"]) }
            if let age = block.keepaliveTime { upstream.directive("keepalive_time", [time(age, field: "\(field).keepalive_time")]) }
        }
    }

    /// The balancing directive's words; nil for round robin, which has none.
    /// `hash` takes the block's key (`hash_key`).
    private static func balancingWords(_ name: String, key: String?) -> [String]? {
        let key = key ?? HashKeyVariable.requestURI.rawValue
        switch name {
        case "least_conn": return ["least_conn"]
        case "ip_hash": return ["ip_hash"]
        case "hash": return ["hash", key]
        case "hash_consistent": return ["hash", key, "consistent"]
        default: return nil
        }
    }

    /// The parameters that differ from ngx_http_upstream_server's defaults.
    private mutating func serverParameters(_ server: UpstreamServer, field: String) -> [String] {
        let defaults = UpstreamServer(address: server.address)
        var parameters: [String] = []
        if server.weight != defaults.weight { parameters.append("weight=\(server.weight)") }
        if server.maxFails != defaults.maxFails { parameters.append("max_fails=\(server.maxFails)") }
        if server.failTimeout != defaults.failTimeout {
            parameters.append("fail_timeout=" + time(server.failTimeout, field: "\(field).fail_timeout", secondsOnly: true))
        }
        if server.maxConns != defaults.maxConns { parameters.append("max_conns=\(server.maxConns)") }
        if server.isBackup { parameters.append("backup") }
        if server.isDown { parameters.append("down") }
        return parameters
    }

    mutating func writeServer(_ http: inout NginxConfText) {
        http.block("server", []) { server in
            let backlog = definition.nginx.listenBacklog.map { ["backlog=\($0)"] } ?? []
            // HTTP/2: the `http2` directive from 1.25.1, the listen parameter before.
            let http2 = configuration.http2 == true
            let http2Directive = configuration.version >= NginxVersion.http2DirectiveAdded
            server.directive("listen", ["127.0.0.1:\(options.portBase)"] + (configuration.reuseport == true ? ["reuseport"] : []) + backlog
                             + (http2 && !http2Directive ? ["http2"] : []))
            if http2, http2Directive { server.directive("http2", ["on"]) }
            if let streams = configuration.http2MaxConcurrentStreams { server.directive("http2_max_concurrent_streams", ["\(streams)"]) }
            for location in configuration.locations {
                server.blankLine()
                writeLocation(location, to: &server)
            }
        }
    }

    /// `location = /x` keeps its modifier as a word of its own; any other path is one word.
    static func locationWords(_ path: String) -> [String] {
        let parts = path.split(separator: " ", maxSplits: 1).map(String.init)
        if parts.count == 2, ["=", "~", "~*", "^~"].contains(parts[0]) { return parts }
        return [path]
    }

    private mutating func writeLocation(_ location: ProxyLocation, to server: inout NginxConfText) {
        let field = "nginx.locations[\(JSON5Writer.quoted(location.path))]"
        server.block("location", Self.locationWords(location.path)) { block in
            switch location.proxyPass {
            case .upstream(let name):
                block.directive("proxy_pass", ["http://" + name])
            case .address(let address):
                block.directive("proxy_pass", ["http://127.0.0.1:\(port(of: address))"],
                                trailing: NginxConfExport.addressAnnotation + address)
            }
            if let version = location.proxyHTTPVersion { block.directive("proxy_http_version", [version.number]) }
            switch location.connectionHeader {
            case .fixed(let value)?: block.directive("proxy_set_header", ["Connection", Self.connectionWord(value)])
            case .upgradeMap(let plain)?: block.directive("proxy_set_header", ["Connection", "$" + Self.upgradeVariable(plain)])
            case nil: break
            }
            if let conditions = location.proxyNextUpstream { block.directive("proxy_next_upstream", conditions.directiveWords) }
            if let tries = location.proxyNextUpstreamTries { block.directive("proxy_next_upstream_tries", ["\(tries)"]) }
            let timeouts: [(String, TimeSpan?)] = [
                ("proxy_next_upstream_timeout", location.proxyNextUpstreamTimeout),
                ("proxy_connect_timeout", location.proxyConnectTimeout),
                ("proxy_read_timeout", location.proxyReadTimeout), ("proxy_send_timeout", location.proxySendTimeout),
            ]
            for (directive, span) in timeouts {
                if let span { block.directive(directive, [time(span, field: "\(field).\(directive)")]) }
            }
            if let buffering = location.proxyBuffering { block.directive("proxy_buffering", [Self.flag(buffering)]) }
            if let buffering = location.proxyRequestBuffering { block.directive("proxy_request_buffering", [Self.flag(buffering)]) }
        }
    }
}
