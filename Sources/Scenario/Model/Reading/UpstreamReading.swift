import ProxyModel

/// `nginx.upstreams`: the `upstream{}` blocks, each server's backend, and what
/// the locations need to know about them.
struct UpstreamReading {
    var blocks: [UpstreamBlock] = []
    /// Per block, per server: the backend definition's name.
    var serverBackends: [[String]] = []
    /// Per block, where it is written, for problems found once the locations are read.
    private var sites: [ReportSite] = []
    /// Whether `nginx.locations` is written (for the unreferenced-upstream message).
    private var locationsWritten = false
    /// True when a server names a backend that is not defined (already reported).
    private(set) var namesUnknownBackend = false
    /// The backend behind each server address; looked up only, never iterated.
    private(set) var backendOfAddress: [String: String] = [:]

    var names: [String] { blocks.map(\.name) }

    static func readAll(_ nginx: ObjectReader, backends: BackendNames, sites: DirectiveSites) -> UpstreamReading {
        var reading = UpstreamReading()
        reading.locationsWritten = nginx.contains("locations")
        var firstServerWithAddress: [String: (backend: String, path: FieldPath)] = [:]  // looked up only
        let entries = nginx.map("upstreams") { name, value in
            value.object { upstream in readBlock(name, upstream, backends: backends, sites: sites) }
        }
        if entries.isEmpty, !reading.locationsWritten {
            let example = "upstreams: { app: { servers: [{ address: \"10.0.0.1:8080\" }] } }"
            if let written = nginx.field("upstreams") {
                if case .object? = written.value?.kind {
                    written.report("must have at least 1 upstream (or nginx.locations passing to addresses), e.g. \(example)")
                }
            } else {
                nginx.reportMissing("upstreams", "is required: define at least one upstream with its servers, e.g. \(example)")
            }
        }
        for (_, entry) in entries {
            reading.blocks.append(entry.block)
            reading.serverBackends.append(entry.servers.map(\.backend))
            reading.sites.append(entry.site)
            if entry.servers.contains(where: { !$0.backendIsDefined }) { reading.namesUnknownBackend = true }
            // One address is one backend process, whichever upstreams list it.
            for server in entry.servers {
                if let first = firstServerWithAddress[server.address] {
                    if first.backend != server.backend {
                        server.site.report("address \(server.address) is backend \(JSON5Writer.quoted(first.backend)) "
                            + "at \(first.path); one address is one backend process, so its servers must name the same backend")
                    }
                } else {
                    firstServerWithAddress[server.address] = (server.backend, server.site.path)
                    reading.backendOfAddress[server.address] = server.backend
                }
            }
        }
        return reading
    }

    /// Reports every upstream no location passes to: a model that defines one
    /// most likely misspelled a `proxy_pass` or forgot a location.
    /// Skipped when a `proxy_pass` names an unknown upstream: that report suggests the fix.
    func reportUnreferenced(by locations: [ProxyLocation]) {
        let names = self.names
        let namesUnknownUpstream = locations.contains { location in
            if case .upstream(let name) = location.proxyPass { return !names.contains(name) }
            return false
        }
        if namesUnknownUpstream { return }
        for (index, block) in blocks.enumerated() where !locations.contains(where: { $0.proxyPass == .upstream(block.name) }) {
            var message = "no location proxies to this upstream; add one to nginx.locations, e.g. "
                + "\(JSON5Writer.quoted("/\(block.name)/")): { proxy_pass: \(JSON5Writer.quoted(block.name)) }"
            if !locationsWritten, let first = blocks.first {
                message += " (without nginx.locations the only location is \"/\", to the first upstream, \(JSON5Writer.quoted(first.name)))"
            }
            sites[index].report(message)
        }
    }

    private struct ServerEntry {
        var server: UpstreamServer
        var address: String { server.address }
        var backend: String
        var site: ReportSite
        /// False when the server names an unknown backend (`backend` is then a stand-in).
        var backendIsDefined = true
    }

    private struct BlockEntry {
        var block: UpstreamBlock
        var servers: [ServerEntry]
        var site: ReportSite
    }

    private static func readBlock(
        _ name: String, _ upstream: ObjectReader, backends: BackendNames, sites: DirectiveSites
    ) -> BlockEntry {
        let scope = "upstream \(name)"
        sites.record(scope: scope, upstream)
        if let servers = upstream.field("servers") { sites.record(scope, "server", servers) }
        let servers = upstream.array("servers", count: 1...) { element in
            readServer(element, upstream: name, backends: backends, sites: sites)
        }
        let connections = upstream.directive("keepalive", scope: scope, sites) { $0.integer(in: 0...) }
        let local = upstream.directive("keepalive_local", scope: scope, sites, as: "keepalive local") { $0.bool() }
        if local != nil, connections == nil, let reader = upstream.field("keepalive_local") {
            reader.report("needs keepalive: write keepalive: N as well (nginx: keepalive N local)")
        }
        let block = UpstreamBlock(
            name: name,
            servers: servers.map(\.server),
            balancing: upstream.directive("balancing", scope: scope, sites) { $0.string(oneOf: BalancingMethod.acceptedNames) },
            balancingDeclaredAfterKeepalive: upstream.bool("balancing_after_keepalive", default: false),
            keepalive: connections.map { UpstreamKeepaliveDirective(connections: $0, local: local ?? false) },
            keepaliveTimeout: upstream.directive("keepalive_timeout", scope: scope, sites) { $0.duration() },
            keepaliveRequests: upstream.directive("keepalive_requests", scope: scope, sites) { $0.integer(in: 0...) },
            keepaliveTime: upstream.directive("keepalive_time", scope: scope, sites) { $0.duration() },
            zone: upstream.directive("zone", scope: scope, sites) { reader in
                let zone = reader.string()
                if zone.isEmpty, reader.value != nil { reader.report("must not be empty: name the shared memory zone") }
                return zone
            },
            hashKey: upstream.directive("hash_key", scope: scope, sites, as: "hash") { $0.string() })
        return BlockEntry(block: block, servers: servers, site: ReportSite(upstream))
    }

    /// A `server` line: an object, or just its address.
    private static func readServer(
        _ element: ValueReader, upstream: String, backends: BackendNames, sites: DirectiveSites
    ) -> ServerEntry {
        if case .string(let address)? = element.value?.kind {
            checkAddress(address, element)
            let backend = backends.defaultBackend(forUpstream: upstream)
            if backend == nil {
                element.report("a server written as an address takes the default backend, but there is none: "
                    + "write { address: \(JSON5Writer.quoted(address)), backend: ... } (backend "
                    + backends.whyRequired(forUpstream: upstream) + ")")
            }
            return ServerEntry(server: UpstreamServer(address: address), backend: backend ?? backends.standIn, site: ReportSite(element))
        }
        return element.object { server in
            let addressReader = server.required("address")
            let address = addressReader.string()
            if addressReader.value != nil { checkAddress(address, addressReader) }
            let scope = "upstream \(upstream)"
            func parameter<Value>(_ key: String, _ read: (ValueReader) -> Value) -> Value? {
                server.directive(key, scope: scope, sites, as: "server \(address) \(key)", read)
            }
            let d = UpstreamServer(address: address)
            let backend: String
            var backendIsDefined = true
            if let reader = server.field("backend") {
                let reference = reader.reference(to: "backend", among: backends.names, definedIn: "backends")
                backendIsDefined = reference != nil
                backend = reference ?? backends.standIn
            } else if let implied = backends.defaultBackend(forUpstream: upstream) {
                backend = implied
            } else {
                server.reportMissing("backend", backends.whyRequired(forUpstream: upstream))
                backend = backends.standIn
            }
            let entry = UpstreamServer(
                address: address,
                weight: parameter("weight") { $0.integer(in: 1...1_000_000) } ?? d.weight,
                maxFails: parameter("max_fails") { $0.integer(in: 0...) } ?? d.maxFails,
                failTimeout: parameter("fail_timeout") { $0.duration() } ?? d.failTimeout,
                maxConns: parameter("max_conns") { $0.integer(in: 0...) } ?? d.maxConns,
                isBackup: parameter("backup") { $0.bool() } ?? d.isBackup,
                isDown: parameter("down") { $0.bool() } ?? d.isDown)
            return ServerEntry(server: entry, backend: backend, site: ReportSite(server), backendIsDefined: backendIsDefined)
        }
    }

    /// Reports an empty address, or one that is not `host:port`.
    private static func checkAddress(_ address: String, _ reader: ValueReader) {
        if address.isEmpty {
            reader.report(emptyAddressMessage)
        } else if let problem = ServerAddress.problem(address) {
            reader.refuse(problem)
        }
    }

    private static let emptyAddressMessage = "must not be empty: write an address such as \"10.0.0.1:8080\" or \"app-1:3000\""
}
