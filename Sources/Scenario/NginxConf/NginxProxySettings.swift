import ProxyModel

/// The proxy directives a location inherits from its `server`, the `http`
/// block and enclosing locations, as nginx merges them
/// (ngx_http_proxy_merge_loc_conf in ngx_http_proxy_module.c): a level that
/// writes a directive overrides, one that does not inherits it. Headers are
/// all or nothing: a level with any `proxy_set_header` inherits none.
struct NginxProxySettings {
    var httpVersion: HTTPVersion?
    var connectionHeader: UpstreamConnectionHeader?
    var nextUpstream: NextUpstreamConditions?
    var nextUpstreamTries: Int?
    var nextUpstreamTimeout: TimeSpan?
    var connectTimeout: TimeSpan?
    var readTimeout: TimeSpan?
    var sendTimeout: TimeSpan?
    var buffering: Bool?
    var requestBuffering: Bool?
    /// Where each directive in effect was written, by directive name (looked up only):
    /// a problem nginx's checks find with a location's value points there.
    var sites: [String: NginxConfDirective] = [:]

    /// These settings written into a location.
    func location(path: String, proxyPass: ProxyPassTarget) -> ProxyLocation {
        ProxyLocation(
            path: path, proxyPass: proxyPass, proxyHTTPVersion: httpVersion, connectionHeader: connectionHeader,
            proxyNextUpstream: nextUpstream, proxyNextUpstreamTries: nextUpstreamTries,
            proxyNextUpstreamTimeout: nextUpstreamTimeout, proxyConnectTimeout: connectTimeout,
            proxyReadTimeout: readTimeout, proxySendTimeout: sendTimeout, proxyBuffering: buffering,
            proxyRequestBuffering: requestBuffering)
    }
}
