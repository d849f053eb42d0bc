import ProxyModel

/// `nginx.locations`: where requests go (`proxy_pass`) and the proxy
/// directives of each location. Without the section there is one location,
/// `/`, passing to the first upstream.
struct LocationReading {
    var locations: [ProxyLocation] = []
    /// Per location: the backend behind a `proxy_pass` to an address, else nil.
    var backends: [String?] = []
    /// True when a location names a backend that is not defined (already reported).
    var namesUnknownBackend = false

    /// The path of the location a model without `nginx.locations` gets.
    static let defaultPath = "/"

    static func readAll(
        _ nginx: ObjectReader, upstreams: UpstreamReading, backends: BackendNames, sites: DirectiveSites
    ) -> LocationReading {
        var reading = LocationReading()
        let entries: [(name: String, value: (location: ProxyLocation, backend: String?, backendIsDefined: Bool))]
        if nginx.contains("locations") {
            entries = nginx.map("locations", count: 1...) { path, value in
                value.object { readLocation(path, $0, upstreams: upstreams, backends: backends, sites: sites) }
            }
        } else if let first = upstreams.names.first {
            entries = nginx.object("locations") { locations in
                [(defaultPath, locations.object(defaultPath) { location in
                    readLocation(defaultPath, location, upstreams: upstreams, backends: backends, sites: sites, defaultUpstream: first)
                })]
            }
        } else {
            entries = []  // no upstreams either: reported with the upstreams
        }
        for (_, entry) in entries {
            reading.locations.append(entry.location)
            reading.backends.append(entry.backend)
            if !entry.backendIsDefined { reading.namesUnknownBackend = true }
        }
        return reading
    }

    private static func readLocation(
        _ path: String, _ location: ObjectReader, upstreams: UpstreamReading, backends: BackendNames,
        sites: DirectiveSites, defaultUpstream: String? = nil
    ) -> (location: ProxyLocation, backend: String?, backendIsDefined: Bool) {
        let scope = "location \(path)"
        sites.record(scope: scope, location)
        if path.isEmpty { location.report("a location path must not be empty, e.g. \"/\" or \"/api/\"") }
        if let control = path.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            let hex = String(control.value, radix: 16, uppercase: true)
            location.report("a location path must not contain control characters (it has U+"
                + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "), e.g. \"/api/\"")
        }
        let target: ProxyPassTarget
        if let reader = location.directive("proxy_pass", scope: scope, sites, { readProxyPass($0, upstreams: upstreams.names) }) {
            target = reader
        } else if let first = defaultUpstream ?? upstreams.names.first {
            target = .upstream(first)
        } else {
            location.reportMissing("proxy_pass", "is required: no upstream is defined to default to; "
                + "write proxy_pass: \"http://ADDRESS\" or define nginx.upstreams")
            target = .address("")
        }
        var proxyLocation = ProxyLocation(path: path, proxyPass: target)
        proxyLocation.proxyHTTPVersion = location.directive("proxy_http_version", scope: scope, sites) { reader in
            let requirement = "must be \"1.0\", \"1.1\" or \"2\" (nginx 1.29.4+)"
            guard let text = reader.versionText(requirement) else { return HTTPVersion.http11 }
            guard let version = HTTPVersion(number: text) else {
                reader.refuse(requirement)
                return .http11
            }
            return version
        }
        proxyLocation.connectionHeader = location.directive(
            "proxy_set_header_connection", scope: scope, sites, as: "proxy_set_header Connection", readConnectionHeader)
        proxyLocation.proxyNextUpstream = location.directive("proxy_next_upstream", scope: scope, sites, readNextUpstream)
        if let reader = location.field("proxy_next_upstream") {
            sites.record(scope, "proxy_next_upstream non_idempotent", reader)
        }
        proxyLocation.proxyNextUpstreamTries = location.directive("proxy_next_upstream_tries", scope: scope, sites) {
            $0.integer(in: 0...)
        }
        proxyLocation.proxyNextUpstreamTimeout = location.directive("proxy_next_upstream_timeout", scope: scope, sites) {
            $0.duration()
        }
        proxyLocation.proxyConnectTimeout = location.directive("proxy_connect_timeout", scope: scope, sites) { $0.duration() }
        proxyLocation.proxyReadTimeout = location.directive("proxy_read_timeout", scope: scope, sites) { $0.duration() }
        proxyLocation.proxySendTimeout = location.directive("proxy_send_timeout", scope: scope, sites) { $0.duration() }
        proxyLocation.proxyBuffering = location.directive("proxy_buffering", scope: scope, sites) { $0.bool() }
        proxyLocation.proxyRequestBuffering = location.directive("proxy_request_buffering", scope: scope, sites) { $0.bool() }
        let backend = readBackend(location, target: target, upstreams: upstreams, backends: backends)
        return (proxyLocation, backend.name, backend.isDefined)
    }

    /// `proxy_pass`: an upstream's name (`"app"` or `"http://app"`), or `"http://ADDRESS"`
    /// for an address with no upstream block (nginx then makes an implicit upstream).
    private static func readProxyPass(_ reader: ValueReader, upstreams: [String]) -> ProxyPassTarget {
        guard case .string(let text)? = reader.value?.kind else {
            reader.refuse("must be an upstream's name or \"http://ADDRESS\"")
            return .address("")
        }
        if text.hasPrefix("https://") {
            reader.report("\(JSON5Writer.quoted(text)): write http:// here and set network.proxy_backend.tls "
                + "to model TLS between nginx and the backends")
            let rest = String(text.dropFirst("https://".count))
            return upstreams.contains(rest) ? .upstream(rest) : .address(rest)
        }
        if text.hasPrefix("http://") {
            let rest = String(text.dropFirst("http://".count))
            if upstreams.contains(rest) { return .upstream(rest) }
            if rest.isEmpty {
                reader.report("\"http://\" names no address, e.g. \"http://10.0.0.1:8080\"")
            } else if let problem = ServerAddress.problem(rest) {
                reader.refuse("the address after http:// " + problem)
            }
            return .address(rest)
        }
        _ = reader.reference(to: "upstream", among: upstreams, definedIn: "nginx.upstreams",
                             hint: "to pass to an address, write \(JSON5Writer.quoted("http://" + text))")
        return .upstream(text)
    }

    /// Like `NamedChoices.read`, with the names quoted: one of them is `""`.
    private static func readConnectionHeader(_ reader: ValueReader) -> UpstreamConnectionHeader {
        let choices = SchemaChoices.connectionHeader
        let names = choices.names
        let requirement = "must be one of: " + names.map(JSON5Writer.quoted).joined(separator: ", ")
        guard case .string(let text)? = reader.value?.kind else {
            reader.refuse(requirement)
            return .fixed(.empty)
        }
        if let known = choices.value(named: text) { return known }
        if let suggestion = SpellingSuggestion.nearest(to: text, among: names.filter { !$0.isEmpty }) {
            reader.report("\(requirement) (got \(JSON5Writer.quoted(text)); did you mean \(JSON5Writer.quoted(suggestion))?)")
        } else {
            reader.refuse(requirement)
        }
        return .fixed(.empty)
    }

    /// `proxy_next_upstream`: a list of nginx's words, or `["off"]`.
    private static func readNextUpstream(_ reader: ValueReader) -> NextUpstreamConditions {
        let valid = NextUpstreamConditions.words.map(\.word) + ["off"]
        let words = reader.array(count: 1...) { $0.string(oneOf: valid) }
        if words.count > 1, words.contains("off") {
            let written = reader.array { element -> String in
                if case .string(let word)? = element.value?.kind { return word }
                return element.value?.description ?? ""
            }
            reader.report("\"off\" cannot be combined with other conditions (got \(written.joined(separator: " ")))")
        }
        switch NextUpstreamConditions.parse(words.count > 1 ? words.filter { $0 != "off" } : words) {
        case .success(let conditions): return conditions
        case .failure: return .nginxDefault  // each unknown word was reported above
        }
    }

    /// `backend`: for a `proxy_pass` to an address, the backend definition behind it.
    private static func readBackend(
        _ location: ObjectReader, target: ProxyPassTarget, upstreams: UpstreamReading, backends: BackendNames
    ) -> (name: String?, isDefined: Bool) {
        let written = location.field("backend")
        guard case .address(let address) = target else {
            if case .upstream(let name) = target, let written {
                written.report("applies only to a proxy_pass to an address; the servers of upstream "
                    + "\(JSON5Writer.quoted(name)) name their backends")
            }
            return (nil, true)
        }
        let ofServer = upstreams.backendOfAddress[address]
        if let written {
            guard let name = written.reference(to: "backend", among: backends.names, definedIn: "backends") else {
                return (backends.standIn, false)
            }
            if let ofServer, ofServer != name {
                written.report("address \(address) is backend \(JSON5Writer.quoted(ofServer)) in nginx.upstreams; "
                    + "one address is one backend process")
            }
            return (name, true)
        }
        if let implied = ofServer ?? backends.defaultBackend(forUpstream: nil) { return (implied, true) }
        location.reportMissing("backend", backends.whyRequired(forUpstream: nil))
        return (backends.standIn, true)
    }
}
