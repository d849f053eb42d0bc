import ProxyModel

/// `upstream NAME { ... }` blocks (ngx_http_upstream.c and the balancer and
/// keepalive modules).
extension NginxConfImporter {
    mutating func readUpstream(_ directive: NginxConfDirective) throws(NginxConfError) {
        try requireArguments(directive, 1...1)
        let directives = try requireBlock(directive, true)
        let name = directive.arguments[0]
        if upstreams.contains(where: { $0.block.name == name }) { throw error(directive, "duplicate upstream \"\(name)\"") }
        var block = UpstreamBlock(name: name, servers: [])
        var blockSites: [String: NginxConfDirective] = ["upstream": directive]
        var keepaliveSeen = false
        for child in directives {
            switch child.name {
            case "server":
                let server = try server(child)
                block.servers.append(server)
                // A problem with servers points at the first backup one (refused with hash), else the first.
                if blockSites["server"] == nil || server.isBackup && !block.servers.dropLast().contains(where: \.isBackup) {
                    blockSites["server"] = child
                }
                continue
            case "least_conn", "ip_hash":
                try requireArguments(child, 0...0)
                block.balancing = child.name
                if child.name == "ip_hash" {
                    notes.append("ip_hash (\(child.site(mainFile: mainFile))): clients' addresses come from "
                        + "traffic.client_addresses (to be filled in: the network your clients are in)")
                }
            case "hash":
                try requireArguments(child, 1...2)
                if child.arguments.count == 2, child.arguments[1] != "consistent" {
                    throw error(child, "invalid parameter \"\(child.arguments[1])\"")
                }
                block.balancing = child.arguments.count == 2 ? "hash_consistent" : "hash"
                let key = child.arguments[0]
                if HashKeyVariable(rawValue: key) != nil {
                    block.hashKey = key
                } else {
                    // The model hashes only the request facts it has; the importer says which it took instead.
                    block.hashKey = HashKeyVariable.requestURI.rawValue
                    notes.append("hash \(key) (\(child.site(mainFile: mainFile))): the model hashes "
                        + HashKeyVariable.acceptedNames.joined(separator: " or ") + "; imported as hash $request_uri")
                }
            case "random":
                throw error(child, "balancing method \"random\" is not modelled; the model covers round robin, least_conn, hash and ip_hash")
            case "keepalive":
                try requireArguments(child, 1...2)
                if child.arguments.count == 2, child.arguments[1] != "local" {
                    throw error(child, "invalid parameter \"\(child.arguments[1])\"")
                }
                block.keepalive = UpstreamKeepaliveDirective(
                    connections: try number(child.arguments[0], in: child), local: child.arguments.count == 2)
                keepaliveSeen = true
            case "keepalive_timeout": block.keepaliveTimeout = try time(child)
            case "keepalive_requests": block.keepaliveRequests = try number(child)
            case "keepalive_time": block.keepaliveTime = try time(child)
            case "zone":
                try requireArguments(child, 1...2)
                block.zone = child.arguments[0]
            default:
                ignore(child)
                continue
            }
            if ["least_conn", "ip_hash", "hash"].contains(child.name) {
                // Before 1.29.7 a method after `keepalive` replaces the cache's hooks (nginx-semantics.md section 0).
                block.balancingDeclaredAfterKeepalive = keepaliveSeen
                blockSites["balancing"] = child
            }
            blockSites[child.name] = child
        }
        upstreams.append(ImportedUpstream(block: block, directive: directive, sites: blockSites))
    }

    /// `server ADDRESS [weight=N] [max_fails=N] [fail_timeout=T] [max_conns=N] [backup] [down]`
    /// (ngx_http_upstream_server); other parameters are noted.
    private mutating func server(_ directive: NginxConfDirective) throws(NginxConfError) -> UpstreamServer {
        try requireArguments(directive, 1...Int.max)
        _ = try requireBlock(directive, false)
        var server = UpstreamServer(address: Self.modelAddress(annotatedBy: directive) ?? Self.withDefaultPort(directive.arguments[0]))
        for parameter in directive.arguments.dropFirst() {
            let (name, value) = Self.split(parameter)
            func invalid() -> NginxConfError { error(directive, "invalid parameter \"\(parameter)\"") }
            switch (name, value) {
            case ("weight", let value?):
                guard let weight = Self.decimal(value), weight >= 1 else { throw invalid() }
                // ngx_http_upstream_server takes any weight; the model format stops at a million.
                guard weight <= 1_000_000 else { throw error(directive, "\"weight=\(weight)\": the model covers 1 to 1000000") }
                server.weight = weight
            case ("max_fails", let value?):
                guard let fails = Self.decimal(value) else { throw invalid() }
                server.maxFails = fails
            case ("max_conns", let value?):
                guard let conns = Self.decimal(value) else { throw invalid() }
                server.maxConns = conns
            case ("fail_timeout", let value?):
                guard let span = NginxTime.parse(value, secondsOnly: true) else { throw invalid() }
                server.failTimeout = span
            case ("backup", nil): server.isBackup = true
            case ("down", nil): server.isDown = true
            default:
                notes.append("ignored: parameter \(parameter) of server \(directive.arguments[0]) (\(directive.site(mainFile: mainFile)))")
            }
        }
        return server
    }

    /// `name=value` as its two parts; a bare word has no value.
    private static func split(_ parameter: String) -> (name: String, value: String?) {
        guard let equals = parameter.firstIndex(of: "=") else { return (parameter, nil) }
        return (String(parameter[..<equals]), String(parameter[parameter.index(after: equals)...]))
    }
}
