import ProxyModel

/// `proxy_http_version 2` needs backends that speak HTTP/2: nginx opens every
/// upstream connection with the HTTP/2 connection preface
/// (ngx_http_proxy_v2_create_request), which an HTTP/1.x server answers with
/// an error or a close — nginx then answers every request with 502
/// ("upstream sent invalid header"). The model refuses that rather than
/// simulate a location that cannot work.
extension ScenarioDefinition {
    func http2UpstreamProblems(_ effective: EffectiveConfiguration) -> [ConfigurationProblem] {
        var problems: [ConfigurationProblem] = []
        for location in effective.locations where location.proxyHTTPVersion == .http2 {
            let u = location.upstreamIndex
            let upstream = effective.upstreams[u]
            var names: [String] = []
            for s in upstream.servers.indices {
                let name = upstream.isImplicit ? backendOfImplicitUpstream(upstream.name) : nginx.serverBackends[u][s]
                if !names.contains(name) { names.append(name) }
            }
            let deaf = names.compactMap { name -> String? in
                let profile = backends.first { $0.name == name }?.profile ?? BackendProfile.defaultProfileName
                switch BackendProfile.http2Support(ofProfile: profile) {
                case .always: return nil
                case .overTLS where network.proxyToBackend.tls != nil: return nil
                case .overTLS: return "\(name) (profile \(profile): HTTP/2 only over TLS, and network.proxy_backend has no tls)"
                case .none: return "\(name) (profile \(profile): HTTP/1.x only)"
                }
            }
            guard !deaf.isEmpty else { continue }
            problems.append(.invalidValue(
                scope: "location \(location.path)", directive: "proxy_http_version", value: "2",
                expected: "1.1, or backends that speak HTTP/2: backend " + deaf.joined(separator: ", backend ")
                    + " would answer nginx's HTTP/2 preface with an error, and every request would get 502; "
                    + "HTTP/2 backends: profile envoy, or go-default, go-idle, kestrel with network.proxy_backend.tls"))
        }
        return problems
    }
}
