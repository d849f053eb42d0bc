/// Resolution: the written configuration plus the version's defaults
/// (`NginxDefaults`) gives the `EffectiveConfiguration`; every default used is
/// recorded so it can be printed.
extension NginxConfiguration {
    /// Validates (reporting every problem) and applies the defaults of `version`.
    public func resolved() throws(ConfigurationErrors) -> EffectiveConfiguration {
        let found = problems()
        if !found.isEmpty { throw ConfigurationErrors(problems: found) }
        var recorder = DefaultsRecorder(defaults: NginxDefaults(for: version))
        let d = recorder.defaults

        let workerProcesses = recorder.pick(self.workerProcesses, d.workerProcesses, "main", "worker_processes")
        let workerConnections = recorder.pick(self.workerConnections, d.workerConnections, "events", "worker_connections")
        let acceptMutex = recorder.pick(self.acceptMutex, d.acceptMutex, "events", "accept_mutex")
        let acceptMutexDelay = recorder.pick(self.acceptMutexDelay, d.acceptMutexDelay, "events", "accept_mutex_delay")
        let multiAccept = recorder.pick(self.multiAccept, d.multiAccept, "events", "multi_accept")
        let reuseport = recorder.pick(self.reuseport, d.reuseport, "server", "listen reuseport")
        let client = ClientKeepalivePolicy(
            keepaliveTimeout: recorder.pick(self.client.keepaliveTimeout, d.clientKeepaliveTimeout, "http", "keepalive_timeout"),
            keepaliveRequests: recorder.pick(self.client.keepaliveRequests, d.clientKeepaliveRequests, "http", "keepalive_requests"),
            keepaliveTime: recorder.pick(self.client.keepaliveTime, d.clientKeepaliveTime, "http", "keepalive_time",
                                         addedIn: NginxVersion.keepaliveTimeAdded),
            keepaliveMinTimeout: recorder.pick(self.client.keepaliveMinTimeout, d.clientKeepaliveMinTimeout, "http",
                                               "keepalive_min_timeout", addedIn: NginxDefaults.keepaliveMinTimeoutAdded))

        var http2Settings: HTTP2Settings?
        if http2 ?? d.http2 {
            http2Settings = HTTP2Settings(
                maxConcurrentStreams: recorder.pick(http2MaxConcurrentStreams, d.http2MaxConcurrentStreams, "server",
                                                    "http2_max_concurrent_streams"),
                keepalive: d.http2Keepalive(client: client))
        }

        var effectiveUpstreams = upstreams.map { resolve($0, recorder: &recorder) }
        var effectiveLocations: [EffectiveLocation] = []
        var warnings: [ConfigurationWarning] = []
        if workerConnections < 3 {
            warnings.append(ConfigurationWarning(
                scope: "events",
                message: "worker_connections \(workerConnections) leaves no room to proxy: the listener takes one "
                    + "slot and every proxied request needs two more (client and upstream)"))
        }
        for upstream in effectiveUpstreams {
            if case .absent(.balancerDeclaredAfterKeepalive) = upstream.cache {
                // nginx's own words (ngx_http_upstream_least_conn and friends).
                warnings.append(ConfigurationWarning(scope: "upstream \(upstream.name)",
                                                     message: "load balancing method redefined"))
            }
        }
        for location in locations {
            let upstreamIndex = Self.upstreamIndex(for: location.proxyPass, in: &effectiveUpstreams)
            let resolvedLocation = resolve(location, upstream: effectiveUpstreams[upstreamIndex],
                                           upstreamIndex: upstreamIndex, recorder: &recorder)
            if !resolvedLocation.reuse.isActive {
                let remedies = resolvedLocation.reuse.inactiveReasons.map(\.remedy).joined(separator: "; ")
                warnings.append(ConfigurationWarning(scope: "location \(location.path)",
                                                     message: "\(resolvedLocation.reuse) (to enable: \(remedies))"))
            }
            effectiveLocations.append(resolvedLocation)
        }
        return EffectiveConfiguration(
            version: version, workerProcesses: workerProcesses, workerConnections: workerConnections,
            acceptMutex: acceptMutex, acceptMutexDelay: acceptMutexDelay, multiAccept: multiAccept,
            reuseport: reuseport, client: client, http2: http2Settings, upstreams: effectiveUpstreams, locations: effectiveLocations,
            appliedDefaults: recorder.applied, warnings: warnings)
    }

    private func resolve(_ block: UpstreamBlock, recorder: inout DefaultsRecorder) -> EffectiveUpstream {
        let scope = "upstream \(block.name)"
        let d = recorder.defaults
        let balancing = block.balancing.flatMap(BalancingMethod.init(name:)) ?? .roundRobin
        if block.balancing == nil { recorder.record(scope, "balancing", "round robin (no balancing directive)") }
        let keepalive = block.keepalive ?? d.upstreamKeepalive
        if block.keepalive == nil {
            recorder.record(scope, "keepalive", d.upstreamKeepalive?.arguments ?? "none (no cache before nginx 1.29.7)")
        }
        let cache: UpstreamCachePresence
        switch UpstreamReuse.cacheVerdict(
            keepalive: keepalive, balancing: balancing,
            balancingDeclaredAfterKeepalive: block.balancingDeclaredAfterKeepalive, defaults: d) {
        case .none(let reason):
            cache = .absent(reason)
        case .build(let keepalive):
            let added = NginxVersion.upstreamKeepaliveTimeoutAdded
            cache = .present(UpstreamKeepaliveSettings(
                capacity: keepalive.connections, local: keepalive.local,
                keepaliveTimeout: recorder.pick(block.keepaliveTimeout, d.upstreamKeepaliveTimeout, scope,
                                                "keepalive_timeout", addedIn: added),
                keepaliveRequests: recorder.pick(block.keepaliveRequests, d.upstreamKeepaliveRequests, scope,
                                                 "keepalive_requests", addedIn: added),
                keepaliveTime: recorder.pick(block.keepaliveTime, d.upstreamKeepaliveTime, scope, "keepalive_time",
                                             addedIn: NginxVersion.keepaliveTimeAdded)))
        }
        return EffectiveUpstream(
            name: block.name, isImplicit: false, servers: block.servers, balancing: balancing, zone: block.zone,
            hashKey: block.hashKey.flatMap(HashKeyVariable.init(rawValue:)), cache: cache,
            addressKeys: Self.addressKeys(block.servers))
    }

    /// The upstream a `proxy_pass` goes to; implicit upstreams are added on first
    /// use and shared by locations with the same address, as `ngx_http_upstream_add` does.
    private static func upstreamIndex(for target: ProxyPassTarget, in upstreams: inout [EffectiveUpstream]) -> Int {
        switch target {
        case .upstream(let name):
            // Validated: the block exists; explicit blocks precede implicit ones.
            return upstreams.firstIndex(where: { !$0.isImplicit && $0.name == name }) ?? 0
        case .address(let address):
            if let index = upstreams.firstIndex(where: { $0.isImplicit && $0.name == address }) { return index }
            // Implicit upstreams never get a cache (ngx_http_upstream_keepalive_init_main_conf skips them).
            upstreams.append(EffectiveUpstream(
                name: address, isImplicit: true, servers: [UpstreamServer(address: address)], balancing: .roundRobin,
                zone: nil, hashKey: nil, cache: .absent(.implicitUpstream), addressKeys: [0]))
            return upstreams.count - 1
        }
    }

    private func resolve(
        _ location: ProxyLocation, upstream: EffectiveUpstream, upstreamIndex: Int, recorder: inout DefaultsRecorder
    ) -> EffectiveLocation {
        let scope = "location \(location.path)"
        let d = recorder.defaults
        let httpVersion = recorder.pick(location.proxyHTTPVersion, d.proxyHTTPVersion, scope, "proxy_http_version")
        // ngx_http_proxy_v2_handler: `$proxy_internal_connection` is empty for HTTP/2 (only the
        // HTTP/1.x handler's context is "legacy"), so no Connection header is sent in any version.
        let defaultHeader = httpVersion == .http2 ? UpstreamConnectionHeader.fixed(.empty) : d.upstreamConnectionHeader
        let connectionHeader = location.connectionHeader ?? defaultHeader
        if location.connectionHeader == nil {
            recorder.record(scope, "proxy_set_header Connection",
                            defaultHeader.valueForPlainRequests.written
                                + (d.version.hasModernDefaults || httpVersion == .http2 ? " (not sent)" : ""))
        }
        let nextUpstream = recorder.pick(location.proxyNextUpstream, d.proxyNextUpstream, scope, "proxy_next_upstream")
        return EffectiveLocation(
            path: location.path, upstreamIndex: upstreamIndex, proxyHTTPVersion: httpVersion,
            connectionHeader: connectionHeader, proxyNextUpstream: nextUpstream,
            proxyNextUpstreamTries: recorder.pick(location.proxyNextUpstreamTries, d.proxyNextUpstreamTries, scope,
                                                  "proxy_next_upstream_tries"),
            proxyNextUpstreamTimeout: recorder.pick(location.proxyNextUpstreamTimeout, d.proxyNextUpstreamTimeout,
                                                    scope, "proxy_next_upstream_timeout"),
            proxyConnectTimeout: recorder.pick(location.proxyConnectTimeout, d.proxyConnectTimeout, scope,
                                               "proxy_connect_timeout"),
            proxyReadTimeout: recorder.pick(location.proxyReadTimeout, d.proxyReadTimeout, scope, "proxy_read_timeout"),
            proxySendTimeout: recorder.pick(location.proxySendTimeout, d.proxySendTimeout, scope, "proxy_send_timeout"),
            proxyBuffering: recorder.pick(location.proxyBuffering, d.proxyBuffering, scope, "proxy_buffering"),
            proxyRequestBuffering: recorder.pick(location.proxyRequestBuffering, d.proxyRequestBuffering, scope,
                                                 "proxy_request_buffering"),
            reuse: UpstreamReuse.derive(cache: upstream.cache, httpVersion: httpVersion,
                                        connectionHeader: connectionHeader),
            nonIdempotentRequestsMayBeRetried: nextUpstream.contains(.nonIdempotent) || !d.supportsNonIdempotent,
            cachedConnectionErrorsAlwaysRetried: d.cachedConnectionErrorsAlwaysRetried)
    }

    /// For each server, the index of the first server with the same address.
    static func addressKeys(_ servers: [UpstreamServer]) -> [Int32] {
        UpstreamServer.firstIndexOfEachAddress(servers).map { Int32($0) }
    }
}

/// Applies defaults and remembers each one it applied.
struct DefaultsRecorder {
    let defaults: NginxDefaults
    private(set) var applied: [AppliedDefault] = []

    init(defaults: NginxDefaults) { self.defaults = defaults }

    mutating func record(_ scope: String, _ directive: String, _ value: String) {
        applied.append(AppliedDefault(scope: scope, directive: directive, value: value))
    }

    /// The written value, or the default (recorded).
    mutating func pick<Value: NginxDirectiveValue>(
        _ written: Value?, _ fallback: Value, _ scope: String, _ directive: String
    ) -> Value {
        if let written { return written }
        record(scope, directive, fallback.nginxText)
        return fallback
    }

    /// The written value, or the default (recorded); a nil default means the
    /// version has no such directive, recorded as `none (added in X)`.
    mutating func pick<Value: NginxDirectiveValue>(
        _ written: Value?, _ fallback: Value?, _ scope: String, _ directive: String, addedIn: NginxVersion
    ) -> Value? {
        if let written { return written }
        record(scope, directive, fallback?.nginxText ?? "none (added in nginx \(addedIn))")
        return fallback
    }
}

/// A directive value as nginx.conf writes it.
protocol NginxDirectiveValue { var nginxText: String { get } }

extension Int: NginxDirectiveValue { var nginxText: String { "\(self)" } }
extension Bool: NginxDirectiveValue { var nginxText: String { self ? "on" : "off" } }
extension TimeSpan: NginxDirectiveValue { var nginxText: String { formatted() } }
extension HTTPVersion: NginxDirectiveValue { var nginxText: String { number } }
extension NextUpstreamConditions: NginxDirectiveValue { var nginxText: String { directiveWords.joined(separator: " ") } }
