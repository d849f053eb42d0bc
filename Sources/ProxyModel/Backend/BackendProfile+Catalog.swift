/// The named backend profiles. Values and sources: backends-and-costs.md.
extension BackendProfile {
    static let goIdleName = "go-idle"

    /// Go net/http with `Server.IdleTimeout` set (src/net/http/server.go: idle
    /// connections close after IdleTimeout; FIN; no request limit).
    public static func goIdle(idleTimeout: TimeSpan) -> BackendProfile {
        BackendProfile(
            name: goIdleName, summary: "Go net/http with Server.IdleTimeout \(idleTimeout)",
            source: "src/net/http/server.go (Server.IdleTimeout)",
            policy: BackendKeepalivePolicy(idleTimeout: idleTimeout), listenBacklog: .somaxconn, http2: .overTLS)
    }

    /// Every fixed profile (`go-idle` is built by `goIdle(idleTimeout:)`).
    /// Listen backlogs: Node.js lib/net.js (`backlog || 511`); Go net/sock_linux.go
    /// `maxListenerBacklog` (somaxconn); gunicorn/config.py `backlog = 2048`; uvicorn/config.py
    /// `backlog: int = 2048`; Puma lib/puma/binder.rb (`backlog: 1024`); Apache mpm_common.h
    /// DEFAULT_LISTENBACKLOG 511; Tomcat `acceptCount` 100; Jetty `acceptQueueSize` 0, which
    /// the JDK turns into 50; Kestrel SocketTransportOptions.Backlog 512; Envoy
    /// `tcp_backlog_size` unset: somaxconn.
    public static let catalog: [BackendProfile] = [
        // Both Node.js profiles: libuv's millisecond timer clock (BackendEventLoop.libuv).
        // lib/_http_server.js: keepAliveTimeout 5000 ms (v8-v25), maxRequestsPerSocket 0 (unlimited; at a
        // limit the last response says Connection: close). The socket really closes ~1 s later: measured on
        // Node v20.20.2 (keepAliveTimeout 100 ms kept connections across 95-250 ms gaps, closed across ~1.1 s).
        BackendProfile(
            name: "node-20", summary: "Node.js 20 http.Server: keepAliveTimeout 5s, closes ~1s later",
            source: "lib/_http_server.js (keepAliveTimeout 5000); measured close at timeout + ~1s on v20.20.2",
            policy: BackendKeepalivePolicy(idleTimeout: .seconds(5), idleCloseDelay: .seconds(1)),
            eventLoop: .libuv, listenBacklog: .connections(511)),
        // lib/_http_server.js: keepAliveTimeout 65000 ms from v26 (nodejs/node PR #62782), plus
        // keepAliveTimeoutBuffer 1000 ms (added v24.6.0 / v22.19.0).
        BackendProfile(
            name: "node-26", summary: "Node.js 26 http.Server: keepAliveTimeout 65s + 1s keepAliveTimeoutBuffer",
            source: "lib/_http_server.js (keepAliveTimeout 65000, keepAliveTimeoutBuffer 1000); nodejs/node#62782",
            policy: BackendKeepalivePolicy(idleTimeout: .seconds(65), idleCloseDelay: .seconds(1)),
            eventLoop: .libuv, listenBacklog: .connections(511)),
        // src/net/http/server.go: IdleTimeout 0 falls back to ReadTimeout; both 0 -> idle connections never time out.
        BackendProfile(
            name: "go-default", summary: "Go net/http, zero Server: no idle timeout",
            source: "src/net/http/server.go (IdleTimeout 0 -> ReadTimeout; both 0 -> no limit)",
            policy: BackendKeepalivePolicy(idleTimeout: nil), listenBacklog: .somaxconn,
            // net/http serves HTTP/2 over TLS by itself (h2_bundle.go); h2c needs an extra handler.
            http2: .overTLS),
        // gunicorn/config.py + the sync worker: every response carries Connection: close.
        BackendProfile(
            name: "gunicorn-sync", summary: "gunicorn sync worker: Connection: close on every response",
            source: "gunicorn/config.py; sync worker closes after each response",
            policy: BackendKeepalivePolicy(idleTimeout: nil, alwaysCloses: true), listenBacklog: .connections(2048)),
        // gunicorn/config.py: keepalive = 2 (seconds), used by the gthread worker.
        BackendProfile(
            name: "gunicorn-gthread", summary: "gunicorn gthread worker: keepalive 2s",
            source: "gunicorn/config.py (keepalive 2)",
            policy: BackendKeepalivePolicy(idleTimeout: .seconds(2)), listenBacklog: .connections(2048)),
        // uvicorn/config.py: timeout_keep_alive = 5.
        BackendProfile(
            name: "uvicorn", summary: "uvicorn: timeout_keep_alive 5s",
            source: "uvicorn/config.py (timeout_keep_alive 5)",
            policy: BackendKeepalivePolicy(idleTimeout: .seconds(5)), listenBacklog: .connections(2048)),
        // lib/puma/configuration.rb (6.x): persistent_timeout 20; when busy Puma answers with Connection: close.
        BackendProfile(
            name: "puma-6", summary: "Puma 6: persistent_timeout 20s, Connection: close when saturated",
            source: "lib/puma/configuration.rb (6.x persistent_timeout 20); busy -> Connection: close",
            policy: BackendKeepalivePolicy(idleTimeout: .seconds(20), loadShedding: .closeAfterResponseWhenSaturated),
            listenBacklog: .connections(1024)),
        // lib/puma/configuration.rb (7.0): persistent_timeout 65, max_keep_alive 999.
        BackendProfile(
            name: "puma-7", summary: "Puma 7: persistent_timeout 65s, max_keep_alive 999",
            source: "lib/puma/configuration.rb (7.0 persistent_timeout 65, max_keep_alive 999)",
            policy: BackendKeepalivePolicy(idleTimeout: .seconds(65), maxRequestsPerConnection: 999), listenBacklog: .connections(1024)),
        // include/httpd.h: DEFAULT_KEEPALIVE_TIMEOUT 5, DEFAULT_KEEPALIVE 100 (MaxKeepAliveRequests); the event
        // MPM closes idle keep-alive connections early when it runs out of workers.
        BackendProfile(
            name: "apache", summary: "Apache httpd 2.4 (event MPM): KeepAliveTimeout 5s, MaxKeepAliveRequests 100",
            source: "include/httpd.h (DEFAULT_KEEPALIVE_TIMEOUT 5, DEFAULT_KEEPALIVE 100); event MPM",
            policy: BackendKeepalivePolicy(idleTimeout: .seconds(5), maxRequestsPerConnection: 100,
                                           loadShedding: .closeIdleConnectionsWhenSaturated), listenBacklog: .connections(511)),
        // config/http.xml: keepAliveTimeout defaults to connectionTimeout; the shipped conf/server.xml sets
        // connectionTimeout="20000"; maxKeepAliveRequests 100.
        BackendProfile(
            name: "tomcat", summary: "Tomcat, shipped server.xml: keepAliveTimeout 20s, maxKeepAliveRequests 100",
            source: "config/http.xml (keepAliveTimeout = connectionTimeout); conf/server.xml connectionTimeout 20000",
            policy: BackendKeepalivePolicy(idleTimeout: .seconds(20), maxRequestsPerConnection: 100), listenBacklog: .connections(100)),
        // config/http.xml: connectionTimeout code default 60000 ms (embedded Tomcat has no server.xml).
        BackendProfile(
            name: "tomcat-embedded", summary: "Tomcat, code defaults (embedded): keepAliveTimeout 60s, maxKeepAliveRequests 100",
            source: "config/http.xml (connectionTimeout default 60000, maxKeepAliveRequests 100)",
            policy: BackendKeepalivePolicy(idleTimeout: .seconds(60), maxRequestsPerConnection: 100), listenBacklog: .connections(100)),
        // AbstractConnector.java: idleTimeout 30000 ms.
        BackendProfile(
            name: "jetty", summary: "Jetty: idleTimeout 30s",
            source: "AbstractConnector.java (idleTimeout 30000)",
            policy: BackendKeepalivePolicy(idleTimeout: .seconds(30)), listenBacklog: .connections(50)),
        // KestrelServerLimits: KeepAliveTimeout 130 s.
        BackendProfile(
            name: "kestrel", summary: "ASP.NET Core Kestrel: KeepAliveTimeout 130s",
            source: "KestrelServerLimits (KeepAliveTimeout 2 min 10 s)",
            policy: BackendKeepalivePolicy(idleTimeout: .seconds(130)), listenBacklog: .connections(512),
            // ListenOptions.Protocols defaults to Http1AndHttp2, which needs TLS (ALPN) to offer HTTP/2.
            http2: .overTLS),
        // Envoy FAQ: HTTP connection manager common_http_protocol_options.idle_timeout 1 h; no request limit.
        BackendProfile(
            name: "envoy", summary: "Envoy: idle_timeout 1h",
            source: "envoy FAQ (idle_timeout default 1 hour)",
            policy: BackendKeepalivePolicy(idleTimeout: .hours(1)), listenBacklog: .somaxconn,
            // HTTP connection manager codec_type AUTO: an HTTP/2 preface selects HTTP/2, TLS or not.
            http2: .always),
    ]
}
