/// ProxyModel: nginx's keepalive, retry, balancing and worker semantics as
/// pure state machines (sans-IO). No Foundation, no clock, no sockets: every
/// input carries `now`, every decision comes back as a value.
///
/// Time: `Instant` and `TimeSpan` (this module, because it depends on nothing
/// and every other module needs them).
///
/// What models what. "Spec" is ../shared/reference/nginx-semantics.md (section
/// numbers), backends-and-costs.md for the backends; nginx paths are in nginx's
/// own source tree.
///
/// | ProxyModel file | models | spec |
/// |---|---|---|
/// | `Instant.swift`, `TimeSpan.swift`, `TimeSpan+Parsing.swift` | integer-nanosecond time; nginx's time syntax (`75s`, `1h`) | 7 |
/// | `Configuration/NginxVersion.swift` | the version the defaults follow | 0 |
/// | `Configuration/NginxDefaults.swift` | every versioned default: `ngx_http_upstream_keepalive_init_main_conf` (1.29.7+) / `ngx_http_upstream_init_keepalive` (older), `ngx_http_core_merge_loc_conf`, `ngx_http_proxy_merge_loc_conf`, `ngx_event_core_init_conf`, `ngx_core_module_init_conf` | 0, 1, 5, 6, 7 |
/// | `Configuration/NginxConfiguration.swift`, `UpstreamBlock.swift`, `UpstreamServer.swift`, `UpstreamKeepaliveDirective.swift`, `ProxyLocation.swift`, `ClientKeepaliveDirectives.swift`, `UpstreamConnectionHeader.swift`, `HTTPVersion.swift`, `HTTPMethod.swift`, `BalancingMethod.swift`, `NextUpstreamConditions.swift` | the directives as written: nginx.c, ngx_event.c, ngx_http_core_module.c, ngx_http_upstream.c (`ngx_http_upstream`, `ngx_http_upstream_server`), ngx_http_upstream_keepalive_module.c, ngx_http_proxy_module.c | 0, 3, 4, 5, 6, 7 |
/// | `Configuration/NginxConfiguration+Validation.swift`, `ConfigurationProblem.swift`, `BalancingMethod+Parameters.swift` | nginx's refusals: `ngx_http_upstream_keepalive`, `ngx_http_upstream_server`, `ngx_http_upstream`, `ngx_http_upstream_init_round_robin`, `ngx_event_init_conf` | 0, 4, 6 |
/// | `Configuration/NginxConfiguration+Resolution.swift`, `EffectiveConfiguration.swift`, `EffectiveUpstream.swift`, `EffectiveLocation.swift`, `UpstreamKeepaliveSettings.swift`, `AppliedDefault.swift`, `ConfigurationWarning.swift` | merged configuration; implicit upstreams (`ngx_http_upstream_add`); release point of `proxy_buffering` | 0, 8.1 |
/// | `Configuration/LocationMatcher.swift` | which location serves a request target: the longest prefix (`ngx_http_core_find_location`), for the live proxy | 0 |
/// | `Configuration/UpstreamReuse.swift`, `UpstreamReuseInactiveReason.swift` | whether a location reuses upstream connections at all (cache attached or not; `Connection: close`; HTTP/1.0; balancer order) | 0, 5 |
/// | `Keepalive/UpstreamKeepaliveCache.swift` | `ngx_http_upstream_get_keepalive_peer` (MRU lookup), the store/evict half of `ngx_http_upstream_free_keepalive_peer`, the idle timer, `ngx_http_upstream_keepalive_close_handler` | 1, 8.5 |
/// | `Keepalive/UpstreamKeepaliveCache+Release.swift`, `UpstreamAttemptEnd.swift` | the store conditions of `ngx_http_upstream_free_keepalive_peer` | 1 |
/// | `Keepalive/SameLoopPassOrder.swift` | the order of ready events within one `epoll_wait` batch (kernel-dependent: a parameter) | 1, 2, 7 |
/// | `Keepalive/UpstreamResponseEnd.swift` | `u->keepalive` in ngx_http_proxy_module.c (`ngx_http_proxy_process_status_line`, `_process_header`, body filters) | 1 |
/// | `Keepalive/UpstreamCloseReason.swift`, `UpstreamConnectionID.swift` | why upstream connections end (report vocabulary) | 1, 2 |
/// | `Keepalive/ClientKeepalivePolicy.swift`, `ClientKeepaliveDecision.swift`, `ClientKeepaliveCloseReason.swift` | `ngx_http_handler`, `ngx_http_update_location_config` (ngx_http_core_module.c), `ngx_http_special_response_handler`, the keepalive timer of ngx_http_request.c | 5 |
/// | `Backend/BackendKeepalivePolicy.swift`, `BackendCloseReason.swift` | backend servers' idle timeout (real close moment), request limit, close style, load-dependent closes | backends |
/// | `Backend/BackendProfile.swift`, `BackendProfile+Catalog.swift` | named servers' shipped defaults, each citing its source | backends |
/// | `Backend/IdleCloseRace.swift` | who closes an idle connection first | 8.2 |
/// | `Balancing/` | peer selection and failure accounting: ngx_http_upstream_round_robin.c, ngx_http_upstream_least_conn_module.c, ngx_http_upstream_hash_module.c, ngx_http_upstream_ip_hash_module.c | 4, 8.3 |
/// | `Retry/` | next-upstream retry decisions: `ngx_http_upstream_next` and `ngx_http_upstream_test_next` in ngx_http_upstream.c | 2, 3, 8.3, 8.4 |
/// | `Workers/` | connection spread and slots: ngx_event_accept.c, ngx_event.c, ngx_connection.c (`ngx_drain_connections`) | 6, 8.6 |
/// | `Worker/NginxWorker.swift`, `NginxWorker+Clients.swift`, `+Upstream.swift`, `+Failures.swift` | a worker's whole flow as one machine (inputs with `now` -> `NginxWorkerAction`s), the code the simulator and the live proxy both drive: ngx_event_accept, ngx_http_handler / ngx_http_set_keepalive / ngx_http_keepalive_handler (client keepalive, `keepalive_min_timeout`, a client that leaves: `clientConnectionEnded`), ngx_http_upstream_connect / _send_request / _process_header / _next / _finalize_request, ngx_http_upstream_get/free_keepalive_peer, the keepalive close handler, `proxy_buffering off` release | 1, 2, 3, 5, 6, 7, 8.1 |
/// | `Worker/NginxWorker+HTTP2.swift`, `Configuration/HTTP2Settings.swift` | HTTP/2 client connections: a stream per request with no slot of its own (ngx_http_v2_create_stream), `http2_max_concurrent_streams` and the keepalive checks with GOAWAY (ngx_http_v2_state_headers), the idle timer once the last stream ends (ngx_http_v2_handle_connection), `http2_idle_timeout`/`http2_max_requests` before 1.19.7 | 5 |
/// | `Worker/NginxWorkerPlan.swift` | the resolved configuration a worker reads per request; `SharedUpstreamZones` (a `zone`'s balancer shared by all workers); which request fact `hash` / `ip_hash` hash | 4 |
/// | `Worker/EventLoopPass.swift` | ngx_process_events_and_timers: a pass's network events (in `SameLoopPassOrder`), then its expired timers | 7 |
/// | `Worker/NginxErrorCause.swift`, `ClientCloseCause.swift`, `Backend/BackendSideCloseReason.swift` | the report's vocabulary: why nginx answered itself (its error log's lines), why client and backend connections closed | 2, 3, 6 |
/// | `Worker/SlotTable.swift`, `NginxWorkerHandles.swift`, `NginxWorkerAction.swift` | the worker's storage, connection handles and output buffer | — |
/// | `Balancing/HashKeyVariable.swift` | the keys `hash KEY` can take in the model (`$request_uri`, `$remote_addr`) | 4 |
public enum ProxyModelInfo {
    /// The tool's version, printed by `keepalive-lab --version` and in every result's provenance.
    public static let toolVersion = "0.1.0"
}
