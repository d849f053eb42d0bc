/// Validation: every problem of a written configuration, in configuration
/// order (main, events, http, upstreams, locations). Matches nginx's own
/// refusals where nginx refuses (the messages quote it), and also refuses
/// values the model cannot run (fewer than one worker).
extension NginxConfiguration {
    /// All problems; empty when `resolved()` will succeed.
    public func problems() -> [ConfigurationProblem] {
        var found: [ConfigurationProblem] = []
        let defaults = NginxDefaults(for: version)
        validateWorkers(into: &found)
        validateClientKeepalive(into: &found)
        validateHTTP2(into: &found)
        var upstreamNames: [String] = []
        for block in upstreams {
            if upstreamNames.contains(block.name) { found.append(.duplicateUpstream(name: block.name)) }
            upstreamNames.append(block.name)
            validate(block, defaults: defaults, into: &found)
        }
        var paths: [String] = []
        for location in locations {
            if paths.contains(location.path) { found.append(.duplicateLocation(path: location.path)) }
            paths.append(location.path)
            validate(location, defaults: defaults, into: &found)
        }
        return found
    }

    private func validateWorkers(into found: inout [ConfigurationProblem]) {
        if let n = workerProcesses, n < 1 {
            found.append(.invalidValue(scope: "main", directive: "worker_processes", value: "\(n)",
                                       expected: "a whole number >= 1"))
        }
        if let n = workerConnections, n < 2 { found.append(.workerConnectionsNotEnough(n)) }
        if let delay = acceptMutexDelay, delay < .zero {
            found.append(.invalidValue(scope: "events", directive: "accept_mutex_delay", value: "\(delay)",
                                       expected: "a duration >= 0"))
        }
        // What nginx has but the simulator cannot run is refused, never ignored.
        if multiAccept == true {
            found.append(.invalidValue(
                scope: "events", directive: "multi_accept", value: "on",
                expected: "off (not simulated: the model hands each new connection to a worker as it arrives, so no "
                    + "backlog builds up for multi_accept to drain at once)"))
        }
        if acceptMutexDelay != nil, acceptMutex == true {
            found.append(.invalidValue(
                scope: "events", directive: "accept_mutex_delay", value: acceptMutexDelay.map { "\($0)" } ?? "",
                expected: "not written (not simulated: with accept_mutex on the model passes the turn at each new "
                    + "connection, without the wait of a worker that missed the mutex)"))
        }
    }

    private func validateClientKeepalive(into found: inout [ConfigurationProblem]) {
        let scope = "http"
        checkDuration(client.keepaliveTimeout, scope: scope, directive: "keepalive_timeout", into: &found)
        checkCount(client.keepaliveRequests, scope: scope, directive: "keepalive_requests", into: &found)
        checkDuration(client.keepaliveTime, scope: scope, directive: "keepalive_time",
                      since: NginxVersion.keepaliveTimeAdded, into: &found)
        checkDuration(client.keepaliveMinTimeout, scope: scope, directive: "keepalive_min_timeout",
                      since: NginxDefaults.keepaliveMinTimeoutAdded, into: &found)
    }

    /// `http2` and `http2_max_concurrent_streams` (ngx_http_v2_module.c).
    private func validateHTTP2(into found: inout [ConfigurationProblem]) {
        if http2 == true, version < NginxVersion.http2Added {
            found.append(.directiveNotInVersion(scope: "server", directive: "http2", version: version, since: NginxVersion.http2Added))
        }
        guard let streams = http2MaxConcurrentStreams else { return }
        if version < NginxVersion.http2Added {
            found.append(.directiveNotInVersion(scope: "server", directive: "http2_max_concurrent_streams", version: version,
                                                since: NginxVersion.http2Added))
        } else if streams < 1 {
            // nginx takes 0, then refuses every stream (ngx_http_v2_state_headers): nothing could be served.
            found.append(.invalidValue(scope: "server", directive: "http2_max_concurrent_streams", value: "\(streams)",
                                       expected: "a whole number >= 1 (with 0 nginx refuses every stream)"))
        }
    }

    private func validate(_ block: UpstreamBlock, defaults: NginxDefaults, into found: inout [ConfigurationProblem]) {
        let scope = "upstream \(block.name)"
        var method = BalancingMethod.roundRobin
        if let name = block.balancing {
            if let known = BalancingMethod(name: name) {
                method = known
            } else {
                found.append(.unknownBalancingMethod(scope: scope, name: name))
            }
        }
        switch (method, block.hashKey) {
        case (.hash, nil):
            found.append(.invalidValue(scope: scope, directive: "hash", value: "(no key)",
                                       expected: "a key: one of " + HashKeyVariable.acceptedNames.joined(separator: ", ")))
        case (.hash, let key?) where HashKeyVariable(rawValue: key) == nil:
            found.append(.invalidValue(scope: scope, directive: "hash", value: key,
                                       expected: "one of " + HashKeyVariable.acceptedNames.joined(separator: ", ")
                                           + " (the request facts the model knows)"))
        case (_, let key?) where !(method == .hash(consistent: false) || method == .hash(consistent: true)):
            found.append(.invalidValue(scope: scope, directive: "hash", value: key,
                                       expected: "a key only with balancing hash or hash_consistent"))
        default:
            break
        }
        if block.servers.isEmpty {
            found.append(.noServersInUpstream(scope: scope))
        } else if block.servers.allSatisfy(\.isBackup) {
            found.append(.noPrimaryServersInUpstream(scope: scope))
        }
        for server in block.servers {
            validate(server, method: method, scope: scope, into: &found)
        }
        if let keepalive = block.keepalive {
            if keepalive.connections < 0 || (keepalive.connections == 0 && !defaults.acceptsKeepaliveZero) {
                found.append(.invalidValue(
                    scope: scope, directive: "keepalive", value: "\(keepalive.connections)",
                    expected: defaults.acceptsKeepaliveZero
                        ? "a whole number >= 0 (0 turns the cache off)"
                        : "a whole number >= 1 (nginx \(version) has no keepalive 0)"))
            }
            if keepalive.local, !defaults.supportsLocalKeepalive {
                found.append(.parameterNotInVersion(scope: scope, directive: "keepalive", parameter: "local",
                                                    version: version, since: .firstModern))
            }
        }
        let since = NginxVersion.upstreamKeepaliveTimeoutAdded
        checkDuration(block.keepaliveTimeout, scope: scope, directive: "keepalive_timeout", since: since, into: &found)
        checkCount(block.keepaliveRequests, scope: scope, directive: "keepalive_requests", since: since, into: &found)
        checkDuration(block.keepaliveTime, scope: scope, directive: "keepalive_time",
                      since: NginxVersion.keepaliveTimeAdded, into: &found)
    }

    /// The checks of `ngx_http_upstream_server`.
    private func validate(
        _ server: UpstreamServer, method: BalancingMethod, scope: String, into found: inout [ConfigurationProblem]
    ) {
        let name = server.address.isEmpty ? "\"\"" : server.address
        if server.address.isEmpty {
            found.append(.invalidValue(scope: scope, directive: "server", value: "",
                                       expected: "an address such as 10.0.0.1:8080 or app:3000"))
        }
        if server.weight < 1 {
            found.append(.invalidValue(scope: scope, directive: "server \(name) weight", value: "\(server.weight)",
                                       expected: "weight=N with N >= 1"))
        }
        if server.maxFails < 0 {
            found.append(.invalidValue(scope: scope, directive: "server \(name) max_fails", value: "\(server.maxFails)",
                                       expected: "max_fails=N with N >= 0 (0 turns failure accounting off)"))
        }
        if server.failTimeout < .zero {
            found.append(.invalidValue(scope: scope, directive: "server \(name) fail_timeout",
                                       value: "\(server.failTimeout)", expected: "a duration >= 0"))
        }
        if server.maxConns < 0 {
            found.append(.invalidValue(scope: scope, directive: "server \(name) max_conns", value: "\(server.maxConns)",
                                       expected: "max_conns=N with N >= 0 (0 = unlimited)"))
        }
        if server.isBackup, !method.supportsBackup {
            found.append(.balancingMethodDoesNotSupportParameter(scope: scope, server: name,
                                                                 method: method.directiveName, parameter: "backup"))
        }
    }

    private func validate(
        _ location: ProxyLocation, defaults: NginxDefaults, into found: inout [ConfigurationProblem]
    ) {
        let scope = "location \(location.path)"
        switch location.proxyPass {
        case .upstream(let name):
            if !upstreams.contains(where: { $0.name == name }) {
                found.append(.unknownUpstream(scope: scope, name: name, defined: upstreams.map(\.name)))
            }
        case .address(let address):
            if address.isEmpty {
                found.append(.invalidValue(scope: scope, directive: "proxy_pass", value: "",
                                           expected: "an upstream name or an address such as 10.0.0.1:8080"))
            }
        }
        if let conditions = location.proxyNextUpstream, conditions.contains(.nonIdempotent),
           !defaults.supportsNonIdempotent {
            found.append(.parameterNotInVersion(scope: scope, directive: "proxy_next_upstream",
                                                parameter: "non_idempotent", version: version,
                                                since: NginxVersion.nonIdempotentAdded))
        }
        if location.proxyHTTPVersion == .http2 {
            if version < NginxVersion.proxyHTTP2Added {
                found.append(.invalidValue(
                    scope: scope, directive: "proxy_http_version", value: "2",
                    expected: "1.0 or 1.1 (nginx \(version) has no HTTP/2 to upstreams: proxy_http_version 2 arrived in "
                        + "\(NginxVersion.proxyHTTP2Added))"))
            } else if let header = location.connectionHeader, header.valueForPlainRequests != .empty {
                // ngx_http_proxy_v2_create_request sends proxy_set_header's headers as HTTP/2 fields; a
                // connection-specific field makes the request malformed (RFC 9113 section 8.2.2).
                found.append(.invalidValue(
                    scope: scope, directive: "proxy_set_header Connection", value: header.valueForPlainRequests.written,
                    expected: "\"\" or not written with proxy_http_version 2 (HTTP/2 has no Connection header: a backend "
                        + "treats a request carrying one as malformed, RFC 9113 section 8.2.2)"))
            }
        }
        checkCount(location.proxyNextUpstreamTries, scope: scope, directive: "proxy_next_upstream_tries",
                   into: &found, expected: "a whole number >= 0 (0 = no cap)")
        checkDuration(location.proxyNextUpstreamTimeout, scope: scope, directive: "proxy_next_upstream_timeout",
                      into: &found)
        checkDuration(location.proxyConnectTimeout, scope: scope, directive: "proxy_connect_timeout", into: &found)
        checkDuration(location.proxyReadTimeout, scope: scope, directive: "proxy_read_timeout", into: &found)
        checkDuration(location.proxySendTimeout, scope: scope, directive: "proxy_send_timeout", into: &found)
    }

    /// A written duration: not negative, and only where the version has the directive.
    private func checkDuration(
        _ value: TimeSpan?, scope: String, directive: String, since: NginxVersion? = nil,
        into found: inout [ConfigurationProblem]
    ) {
        guard let value else { return }
        if let since, version < since {
            found.append(.directiveNotInVersion(scope: scope, directive: directive, version: version, since: since))
        } else if value < .zero {
            found.append(.invalidValue(scope: scope, directive: directive, value: "\(value)",
                                       expected: "a duration >= 0, e.g. 60s"))
        }
    }

    /// A written count: not negative, and only where the version has the directive.
    private func checkCount(
        _ value: Int?, scope: String, directive: String, since: NginxVersion? = nil,
        into found: inout [ConfigurationProblem], expected: String = "a whole number >= 0"
    ) {
        guard let value else { return }
        if let since, version < since {
            found.append(.directiveNotInVersion(scope: scope, directive: directive, version: version, since: since))
        } else if value < 0 {
            found.append(.invalidValue(scope: scope, directive: directive, value: "\(value)", expected: expected))
        }
    }
}
