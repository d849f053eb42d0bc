import ProxyModel

extension NginxDefinition {
    /// The `nginx` section: only the directives the file writes (nginx's
    /// defaults for the others are listed in comments, from `appliedDefaults`,
    /// so reading the text back resolves to the same configuration), then
    /// every upstream server parameter and the model's `cpu` and `accept`.
    func canonicalValue(effective: EffectiveConfiguration) -> JSON5Value {
        let c = configuration
        let defaults = AppliedDefaultsComments(effective: effective)
        var members = [JSON5Member(key: "version", value: .text(c.version.description),
                                   comment: defaults.comment(forScopes: ["main", "events", "server", "http"]))]
        members += optional("worker_processes", c.workerProcesses, JSON5Value.integer)
        members += optional("worker_connections", c.workerConnections, JSON5Value.integer)
        members += optional("accept_mutex", c.acceptMutex, JSON5Value.boolean)
        members += optional("accept_mutex_delay", c.acceptMutexDelay, JSON5Value.duration)
        members += optional("multi_accept", c.multiAccept, JSON5Value.boolean)
        members += optional("reuseport", c.reuseport, JSON5Value.boolean)
        members += optional("listen_backlog", listenBacklog, JSON5Value.integer)
        members += optional("http2", c.http2, JSON5Value.boolean)
        members += optional("http2_max_concurrent_streams", c.http2MaxConcurrentStreams, JSON5Value.integer)
        members += optional("keepalive_timeout", c.client.keepaliveTimeout, JSON5Value.duration)
        members += optional("keepalive_requests", c.client.keepaliveRequests, JSON5Value.integer)
        members += optional("keepalive_time", c.client.keepaliveTime, JSON5Value.duration)
        members += optional("keepalive_min_timeout", c.client.keepaliveMinTimeout, JSON5Value.duration)
        members.append(JSON5Member("upstreams", .object(c.upstreams.enumerated().map { index, block in
            JSON5Member(block.name, canonicalValue(block, backends: serverBackends[index], defaults: defaults))
        })))
        members.append(JSON5Member("locations", .object(c.locations.enumerated().map { index, location in
            JSON5Member(location.path, canonicalValue(location, backend: locationBackends[index], defaults: defaults))
        })))
        members.append(JSON5Member("cpu", .object([
            JSON5Member("accept", .duration(costs.accept)), JSON5Member("connect", .duration(costs.connect)),
            JSON5Member("request", .duration(costs.request)), JSON5Member("response", .duration(costs.response)),
            JSON5Member("close", .duration(costs.close)), JSON5Member("tls_handshake", .duration(costs.tlsHandshake)),
        ]), defaultNote: costs == .nginxDefault ? "nginx's measured CPU per event; all zero for an infinitely fast proxy" : nil))
        members.append(JSON5Member("accept", .object([
            JSON5Member("burst", .integer(acceptBurst), defaultNote: acceptNote(effective)),
            JSON5Member("wake_order", .text(SchemaChoices.wakeOrder.name(of: wakeOrder)), defaultNote: acceptNote(effective)),
        ])))
        members.append(JSON5Member("same_pass_order", .text(SchemaChoices.samePassOrder.name(of: samePassOrder)),
                                   defaultNote: costs.isFree ? "unused: nginx.cpu all zero, events are handled as they arrive" : nil))
        return .object(members)
    }

    /// The accept parameters matter only for the exclusive-wakeup strategy.
    private func acceptNote(_ effective: EffectiveConfiguration) -> String? {
        effective.reuseport ? "unused: reuseport" : effective.acceptMutex ? "unused: accept_mutex" : nil
    }

    private func canonicalValue(_ block: UpstreamBlock, backends: [String], defaults: AppliedDefaultsComments) -> JSON5Value {
        let servers = zip(block.servers, backends).map { server, backend in
            JSON5Value.object([
                JSON5Member("address", .text(server.address)), JSON5Member("weight", .integer(server.weight)),
                JSON5Member("max_fails", .integer(server.maxFails)), JSON5Member("fail_timeout", .duration(server.failTimeout)),
                JSON5Member("max_conns", .integer(server.maxConns)), JSON5Member("backup", .boolean(server.isBackup)),
                JSON5Member("down", .boolean(server.isDown)), JSON5Member("backend", .text(backend)),
            ])
        }
        var members = [JSON5Member(key: "servers", value: .array(servers), comment: defaults.comment(forScopes: ["upstream \(block.name)"]))]
        members += optional("balancing", block.balancing, JSON5Value.text)
        members += optional("hash_key", block.hashKey, JSON5Value.text)
        members.append(JSON5Member("balancing_after_keepalive", .boolean(block.balancingDeclaredAfterKeepalive)))
        if let keepalive = block.keepalive {
            members.append(JSON5Member("keepalive", .integer(keepalive.connections)))
            members.append(JSON5Member("keepalive_local", .boolean(keepalive.local)))
        }
        members += optional("keepalive_timeout", block.keepaliveTimeout, JSON5Value.duration)
        members += optional("keepalive_requests", block.keepaliveRequests, JSON5Value.integer)
        members += optional("keepalive_time", block.keepaliveTime, JSON5Value.duration)
        members += optional("zone", block.zone, JSON5Value.text)
        return .object(members)
    }

    private func canonicalValue(_ location: ProxyLocation, backend: String?, defaults: AppliedDefaultsComments) -> JSON5Value {
        let target: String
        switch location.proxyPass {
        case .upstream(let name): target = name
        case .address(let address): target = "http://" + address
        }
        var members = [JSON5Member(key: "proxy_pass", value: .text(target),
                                   comment: defaults.comment(forScopes: ["location \(location.path)"]))]
        members += optional("proxy_http_version", location.proxyHTTPVersion) { .text($0.number) }
        members += optional("proxy_set_header_connection", location.connectionHeader) {
            .text(SchemaChoices.connectionHeader.name(of: $0))
        }
        members += optional("proxy_next_upstream", location.proxyNextUpstream) { .array($0.directiveWords.map(JSON5Value.text)) }
        members += optional("proxy_next_upstream_tries", location.proxyNextUpstreamTries, JSON5Value.integer)
        members += optional("proxy_next_upstream_timeout", location.proxyNextUpstreamTimeout, JSON5Value.duration)
        members += optional("proxy_connect_timeout", location.proxyConnectTimeout, JSON5Value.duration)
        members += optional("proxy_read_timeout", location.proxyReadTimeout, JSON5Value.duration)
        members += optional("proxy_send_timeout", location.proxySendTimeout, JSON5Value.duration)
        members += optional("proxy_buffering", location.proxyBuffering, JSON5Value.boolean)
        members += optional("proxy_request_buffering", location.proxyRequestBuffering, JSON5Value.boolean)
        members += optional("backend", backend, JSON5Value.text)
        return .object(members)
    }

    /// A directive the file writes, or nothing.
    private func optional<Value>(_ key: String, _ value: Value?, _ canonical: (Value) -> JSON5Value) -> [JSON5Member] {
        value.map { [JSON5Member(key, canonical($0))] } ?? []
    }
}

/// nginx's defaults that applied, as comment lines for the object of their scope.
struct AppliedDefaultsComments {
    let effective: EffectiveConfiguration

    /// `nginx 1.22.1 defaults (directives not written):` and one line per default; nil when none applied.
    func comment(forScopes scopes: [String]) -> String? {
        let lines = effective.appliedDefaults.filter { scopes.contains($0.scope) }.map { "  \($0.directive) \($0.value)" }
        guard !lines.isEmpty else { return nil }
        return (["nginx \(effective.version) defaults (directives not written):"] + lines).joined(separator: "\n")
    }
}
