import Scenario

/// Scenario texts the loader tests read, and shortcuts to read them.
enum ScenarioFixtures {
    /// The least a scenario must write: an upstream and its server.
    static let minimal = """
        { nginx: { upstreams: { app: { servers: [{ address: "10.0.0.1:8080" }] } } } }
        """

    /// Models that together write only required fields yet reach every field of
    /// the format (each traffic source, a cache with `keepalive_local`, a location
    /// passing to an address), so their canonical forms show every default.
    static let defaultsOnly: [(name: String, text: String)] = [
        ("minimal", minimal),
        ("closed loop, keepalive", """
            { nginx: { upstreams: { app: { servers: [{ address: "10.0.0.1:8080" }], keepalive: 8 } } },
              traffic: { closed_loop: {} } }
            """),
        ("pages", """
            { nginx: { upstreams: { app: { servers: [{ address: "10.0.0.1:8080" }] } } }, traffic: { pages: { rate: 5 } } }
            """),
        ("diurnal pattern", """
            { nginx: { upstreams: { app: { servers: [{ address: "10.0.0.1:8080" }] } } },
              traffic: { pattern: { diurnal: { mean_rate: 50 } } } }
            """),
        ("proxy_pass to an address", """
            { nginx: { locations: { "/": { proxy_pass: "http://10.0.0.9:80" } } } }
            """),
        ("bursty pattern", """
            { nginx: { upstreams: { app: { servers: ["10.0.0.1:8080"] } } },
              traffic: { pattern: { bursty: { base_rate: 10, burst_rate: 100, burst_length: "1s", period: "10s" } } } }
            """),
        ("pages by pattern", """
            { nginx: { upstreams: { app: { servers: ["10.0.0.1:8080"] } } },
              traffic: { pages: { pattern: { steps: [{ duration: "1s", rate: 3 }] } } } }
            """),
    ]

    /// A model that writes every field of the format (no trace: that needs a file).
    static let everything = """
        // Every field written.
        {
          nginx: {
            version: "modern",
            // accept_mutex_delay with accept_mutex on, and multi_accept on, are refused: not simulated.
            worker_processes: 2, worker_connections: 1024, accept_mutex: false, accept_mutex_delay: "250ms",
            multi_accept: false, reuseport: false, listen_backlog: 1024, http2: true, http2_max_concurrent_streams: 64,
            keepalive_timeout: "30s", keepalive_requests: 500, keepalive_time: "30m", keepalive_min_timeout: "1s",
            upstreams: {
              app: {
                servers: [
                  { address: "10.0.0.1:8080", weight: 3, max_fails: 2, fail_timeout: "5s", max_conns: 100,
                    backup: false, down: false, backend: "app" },
                  { address: "10.0.0.2:8080", backup: true, backend: "app" },
                  "10.0.0.3:8080",
                ],
                balancing: "least_conn", balancing_after_keepalive: false,
                keepalive: 16, keepalive_local: true,
                keepalive_timeout: "20s", keepalive_requests: 200, keepalive_time: "10m", zone: "app_zone",
              },
              slow: { servers: [{ address: "10.0.1.1:9000", backend: "slow" }], balancing: "hash_consistent", hash_key: "$request_uri" },
            },
            locations: {
              "/": {
                proxy_pass: "app", proxy_http_version: "1.1", proxy_set_header_connection: "upgrade_map_empty",
                proxy_next_upstream: ["error", "timeout", "http_502", "non_idempotent"],
                proxy_next_upstream_tries: 3, proxy_next_upstream_timeout: "10s",
                proxy_connect_timeout: "2s", proxy_read_timeout: "30s", proxy_send_timeout: "30s",
                proxy_buffering: false, proxy_request_buffering: false,
              },
              "/reports/": { proxy_pass: "slow" },
              "/legacy/": { proxy_pass: "http://10.0.2.1:80", backend: "legacy", proxy_http_version: "1.0" },
            },
            cpu: { accept: "20us", connect: "20us", request: "5us", response: "5us", close: "2us", tls_handshake: "500us" },
            accept: { burst: 8, wake_order: "longest_idle" },
          },
          backends: {
            app: {
              profile: "puma-6", idle_timeout: "15s", idle_close_delay: "100ms", max_requests: 500,
              max_requests_close: "silent", close_style: "rst", always_close: false,
              load_shedding: "close_idle_when_saturated", workers: 4,
              service: { cpu: { normal: { mean: "2ms", sd: "500us" } }, wait: { pareto: { scale: "1ms", shape: 2.5 } },
                         wait_holds_worker: true },
              accept_cpu: "50us", tls_handshake_cpu: "1ms", fin_with_response: true, error_rate: 0.01,
              timer_granularity: "1ms", listen_backlog: 256,
            },
            slow: { profile: "go-idle", idle_timeout: "90s", listen_backlog: "somaxconn", service: { cpu: { uniform: { low: "1ms", high: "3ms" } },
                                                                      wait: { lognormal: { mu: 3, sigma: 0.5 } } } },
            legacy: { profile: "gunicorn-sync", idle_timeout: "none", service: { cpu: { empirical: ["1ms", "2ms", "5ms"] } } },
          },
          network: {
            client_proxy: { one_way: "20ms", jitter: "2ms", tls: "1.3", tls_resumption: 0.5 },
            proxy_backend: { one_way: "100us", jitter: "0s", tls: "1.2", tls_resumption: 0 },
            ephemeral_ports: 10000, time_wait: "30s", somaxconn: 1024,
          },
          traffic: {
            pattern: { steps: [{ duration: "10s", rate: 100 }, { duration: "5s", rate: 400 }] },
            spacing: "even",
            clients: 20, connections_per_client: 6,
            methods: { GET: 8, POST: 1, PUT: 1 },
            request_bytes: { exponential: { mean: 500 } },
            response_bytes: { empirical: [200, 2000, 20000] },
            locations: { "/": 8, "/reports/": 1, "/legacy/": 1 },
            clients_close_connections: true,
          },
          run: { duration: "30s", warmup: "2s", seed: 42, replications: 3, drain: "10s" },
        }
        """

    /// Every fixture by name.
    static var all: [(name: String, text: String)] { defaultsOnly + [("everything", everything)] }

    static func named(_ name: String) -> String { all.first { $0.name == name }?.text ?? "" }

    /// Reads `text` as the model file `file`.
    static func load(_ text: String, file: String = "models/x.json5") throws(Diagnostics) -> LoadedScenario {
        try ScenarioLoader.load(file: file, bytes: Array(text.utf8))
    }

    /// The diagnostics reading `text` gives, as printed lines (empty when it loads).
    static func problems(_ text: String, file: String = "models/x.json5") -> [String] {
        do {
            _ = try load(text, file: file)
            return []
        } catch {
            return error.items.map(\.description)
        }
    }
}
