import Foundation
import Measurement
import Scenario
import Simulation
import Testing

/// Every nginx directive the model format accepts either changes a run the
/// way nginx would, or is refused (issue 9: "a directive accepted and
/// silently ignored is the worst answer a capacity tool can give"). Each row
/// runs a small model twice — as it stands, and with the directive changed —
/// and checks the direction of the change. `explained` lists the fields that
/// need no row, with the reason; `everyDocumentedNginxFieldIsWalked` keeps
/// the two lists complete against models/README.md.
@Suite struct DirectiveWalkTests {
    /// The parts of the walk's model a row may change.
    struct Model {
        var version = "1.29.7"
        var workers = 2
        var nginx = ""
        var servers = #"["10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:8080"]"#
        var upstream = ""
        var location = ""
        var locations: String? = nil
        var backend = ""
        var backends = ""
        var network = ""
        var traffic = "rate: 400, clients: 40"

        var text: String {
            """
            {
              nginx: { version: "\(version)", worker_processes: \(workers), \(nginx)
                upstreams: { app: { servers: \(servers), \(upstream) } },
                locations: \(locations ?? "{ \"/\": { proxy_pass: \"app\", \(location) } }") },
              backends: { app: { profile: "go-default", workers: 64, service: { cpu: "1ms" }, \(backend) }, \(backends) },
              network: { \(network) },
              traffic: { \(traffic) },
              // No warm-up: what happens first (failures, accepts) counts.
              run: { duration: "8s", warmup: "0s", seed: 3, drain: "10s" },
            }
            """
        }

        func with(_ change: (inout Model) -> Void) -> Model {
            var copy = self
            change(&copy)
            return copy
        }
    }

    struct Row: CustomTestStringConvertible, Sendable {
        /// The field as models/README.md spells it.
        var field: String
        var base: @Sendable () -> Model
        var changed: @Sendable () -> Model
        /// How nginx's behaviour moves, as a check on (base, changed).
        var expectation: String
        var holds: @Sendable (RunReport, RunReport) -> Bool
        var testDescription: String { field }
    }

    static func run(_ model: Model) throws -> RunReport {
        let loaded = try ScenarioLoader.load(file: "walk.json5", bytes: Array(model.text.utf8))
        let result = try Simulator.audited(loaded.model)
        return result.report
    }

    // Measures the rows compare.
    static func opened(_ r: RunReport) -> UInt64 { r.upstream.connectionsOpened }
    static func status(_ r: RunReport, _ s: String) -> UInt64 { r.requests.count(status: s) }
    static func cause(_ r: RunReport, _ name: String) -> UInt64 { r.requests.errorCauses.first { $0.name == name }?.count ?? 0 }
    static func clientClosed(_ r: RunReport, _ name: String) -> UInt64 { r.client.closedByReason.first { $0.name == name }?.count ?? 0 }
    static func backendRequests(_ r: RunReport, _ index: Int) -> UInt64 { r.backends[index].requests }
    static func largestShare(_ r: RunReport) -> Double {
        let all = r.backends.map(\.requests)
        return Double(all.max() ?? 0) / Double(max(1, all.reduce(0, +)))
    }
    static func workerSplit(_ r: RunReport) -> [UInt64] { r.workers.map(\.requests) }
    static func busiest(_ r: RunReport) -> Double { r.workers.map(\.busyFraction).max() ?? 0 }

    /// Server 0 runs a backend that answers every request with 500.
    static let failingFirstServer = Model().with {
        $0.servers = #"[{ address: "10.0.0.1:8080", backend: "bad" }, "10.0.0.2:8080", "10.0.0.3:8080"]"#
        $0.backends = #"bad: { profile: "go-default", workers: 64, service: { cpu: "1ms" }, error_rate: 1 }"#
        $0.location = #"proxy_next_upstream: ["error", "timeout", "http_500"],"#
    }
    /// Server 0 runs a backend 50 times slower than the others.
    static let slowFirstServer = Model().with {
        $0.servers = #"[{ address: "10.0.0.1:8080", backend: "slow" }, "10.0.0.2:8080", "10.0.0.3:8080"]"#
        $0.backends = #"slow: { profile: "go-default", workers: 64, service: { cpu: "50ms" } }"#
    }
    /// Busy workers (events wait for a loop pass) and a backend that closes
    /// idle connections after 5 ms: FINs and reusing requests meet in passes.
    static let racingBusyWorkers = Model().with {
        $0.nginx = #"cpu: { request: "3ms", response: "1ms" },"#
        $0.backend = #"idle_timeout: "5ms", idle_close_delay: "0s","#
        $0.traffic = "rate: 300, clients: 40"
    }
    static func stale(_ r: RunReport) -> UInt64 { r.upstream.staleFailuresRetried + r.upstream.staleFailuresSurfaced }

    /// More clients than one worker's slots: ngx_drain_connections closes idle ones.
    static let shortOfSlots = Model().with {
        $0.nginx = "worker_connections: 64,"
        $0.traffic = "rate: 400, clients: 120"
    }

    static let rows: [Row] = [
        Row(field: "nginx.version", base: { Model() }, changed: { Model().with { $0.version = "1.22.1" } },
            expectation: "classic nginx without keepalive opens a connection per request",
            holds: { opened($1) > 10 * opened($0) }),
        Row(field: "nginx.worker_processes", base: { Model().with { $0.workers = 1 } },
            changed: { Model().with { $0.workers = 4 } },
            expectation: "each worker keeps its own pool: more workers, more connections",
            holds: { opened($1) > opened($0) }),
        Row(field: "nginx.worker_connections", base: { Model() }, changed: { Model().with { $0.nginx = "worker_connections: 8," } },
            expectation: "too few slots: connections reset at accept and 500s",
            holds: { status($0, "reset") + status($0, "500") == 0 && status($1, "reset") + status($1, "500") > 0 }),
        Row(field: "nginx.accept_mutex", base: { Model() }, changed: { Model().with { $0.nginx = "accept_mutex: true," } },
            expectation: "workers take turns: another split of client connections",
            holds: { workerSplit($0) != workerSplit($1) }),
        Row(field: "nginx.reuseport", base: { Model() }, changed: { Model().with { $0.nginx = "reuseport: true," } },
            expectation: "the kernel hashes connections to workers: another split",
            holds: { workerSplit($0) != workerSplit($1) }),
        Row(field: "nginx.listen_backlog",
            base: { Model().with { $0.nginx = #"cpu: { accept: "10ms" },"#; $0.traffic = "rate: 400, clients: 40, clients_close_connections: true" } },
            changed: { Model().with {
                $0.nginx = #"cpu: { accept: "10ms" }, listen_backlog: 4,"#; $0.traffic = "rate: 400, clients: 40, clients_close_connections: true"
            } },
            expectation: "busy workers leave connections in a shorter accept queue: SYNs dropped",
            holds: { $1.overload.totalListenOverflows > $0.overload.totalListenOverflows && $1.overload.synRetransmits > 0 }),
        Row(field: "nginx.http2_max_concurrent_streams",
            base: { Model().with { $0.nginx = "http2: true,"; $0.traffic = #"pages: { rate: 20, requests_per_page: 10 }, clients: 40, client_protocol: "h2""# } },
            changed: { Model().with {
                $0.nginx = "http2: true, http2_max_concurrent_streams: 2,"
                $0.traffic = #"pages: { rate: 20, requests_per_page: 10 }, clients: 40, client_protocol: "h2""#
            } },
            expectation: "at most 2 streams per connection: the rest of a page waits at the client",
            holds: { $1.client.queuedForConnection > $0.client.queuedForConnection && ($1.client.peakStreams ?? 0) <= 2 }),
        Row(field: "nginx.accept.burst", base: { Model() }, changed: { Model().with { $0.nginx = "accept: { burst: 1 }," } },
            expectation: "a worker re-queues after each accept: another split",
            holds: { workerSplit($0) != workerSplit($1) }),
        Row(field: "nginx.accept.wake_order", base: { Model().with { $0.nginx = #"cpu: { request: "2ms" },"# } },
            changed: { Model().with { $0.nginx = #"cpu: { request: "2ms" }, accept: { wake_order: "longest_idle" },"# } },
            expectation: "the longest idle worker is woken: another split",
            holds: { workerSplit($0) != workerSplit($1) }),
        Row(field: "nginx.keepalive_timeout", base: { Model() }, changed: { Model().with { $0.nginx = #"keepalive_timeout: "0s","# } },
            expectation: "no client keepalive: a client connection per request",
            holds: { $1.client.connectionsOpened > 10 * $0.client.connectionsOpened }),
        Row(field: "nginx.keepalive_requests", base: { Model() }, changed: { Model().with { $0.nginx = "keepalive_requests: 2," } },
            expectation: "a client connection serves two requests",
            holds: { $1.client.connectionsOpened > 10 * $0.client.connectionsOpened }),
        Row(field: "nginx.keepalive_time", base: { Model() }, changed: { Model().with { $0.nginx = #"keepalive_time: "1s","# } },
            expectation: "client connections older than 1 s are closed",
            holds: { $1.client.connectionsOpened > $0.client.connectionsOpened }),
        Row(field: "nginx.keepalive_min_timeout", base: { shortOfSlots },
            changed: { shortOfSlots.with { $0.nginx += #" keepalive_min_timeout: "30s","# } },
            expectation: "idle client connections are protected from early closing",
            holds: { clientClosed($0, "idle_timeout") > clientClosed($1, "idle_timeout") }),
        Row(field: "nginx.upstreams.NAME.servers[].weight",
            base: { Model() }, changed: { Model().with { $0.servers = #"[{ address: "10.0.0.1:8080", weight: 5 }, "10.0.0.2:8080", "10.0.0.3:8080"]"# } },
            expectation: "a heavier server gets more requests",
            holds: { backendRequests($1, 0) > 2 * backendRequests($0, 0) }),
        Row(field: "nginx.upstreams.NAME.servers[].max_fails",
            base: { failingFirstServer },
            changed: { failingFirstServer.with { $0.servers = $0.servers.replacingOccurrences(of: #"backend: "bad""#, with: #"backend: "bad", max_fails: 0"#) } },
            expectation: "without failure accounting the failing server keeps its share",
            holds: { backendRequests($1, 0) > 2 * backendRequests($0, 0) }),
        Row(field: "nginx.upstreams.NAME.servers[].fail_timeout",
            base: { failingFirstServer },
            changed: { failingFirstServer.with { $0.servers = $0.servers.replacingOccurrences(of: #"backend: "bad""#, with: #"backend: "bad", fail_timeout: "1s""#) } },
            expectation: "a failed server comes back sooner",
            holds: { backendRequests($1, 0) > backendRequests($0, 0) }),
        Row(field: "nginx.upstreams.NAME.servers[].max_conns",
            base: { slowFirstServer },
            changed: { slowFirstServer.with { $0.servers = $0.servers.replacingOccurrences(of: #"backend: "slow""#, with: #"backend: "slow", max_conns: 1"#) } },
            expectation: "a server at max_conns is skipped",
            holds: { backendRequests($1, 0) < backendRequests($0, 0) }),
        Row(field: "nginx.upstreams.NAME.servers[].backup",
            base: { Model() }, changed: { Model().with { $0.servers = #"["10.0.0.1:8080", "10.0.0.2:8080", { address: "10.0.0.3:8080", backup: true }]"# } },
            expectation: "a backup server gets nothing while the others are up",
            holds: { backendRequests($0, 2) > 0 && backendRequests($1, 2) == 0 }),
        Row(field: "nginx.upstreams.NAME.servers[].down",
            base: { Model() }, changed: { Model().with { $0.servers = #"["10.0.0.1:8080", "10.0.0.2:8080", { address: "10.0.0.3:8080", down: true }]"# } },
            expectation: "a down server gets nothing",
            holds: { backendRequests($0, 2) > 0 && backendRequests($1, 2) == 0 }),
        Row(field: "nginx.upstreams.NAME.balancing",
            base: { slowFirstServer }, changed: { slowFirstServer.with { $0.upstream = #"balancing: "least_conn","# } },
            expectation: "least_conn sends less to the slow server",
            holds: { backendRequests($1, 0) < backendRequests($0, 0) }),
        Row(field: "nginx.upstreams.NAME.hash_key",
            base: { Model().with { $0.upstream = #"balancing: "hash", hash_key: "$remote_addr","# } },
            changed: { Model().with { $0.upstream = #"balancing: "hash", hash_key: "$request_uri","# } },
            expectation: "hashing the one URI sends everything to one server; client addresses spread",
            holds: { largestShare($0) < 0.8 && largestShare($1) == 1 }),
        Row(field: "traffic.client_addresses",
            base: { Model().with { $0.upstream = #"balancing: "ip_hash","# } },
            changed: { Model().with { $0.upstream = #"balancing: "ip_hash","#; $0.traffic += #", client_addresses: "192.0.2.0/24""# } },
            expectation: "ip_hash on clients from one /24 sends them all to one server",
            holds: { largestShare($0) < 0.8 && largestShare($1) == 1 }),
        Row(field: "traffic.uris",
            base: { Model().with { $0.upstream = #"balancing: "hash_consistent", hash_key: "$request_uri","# } },
            changed: { Model().with {
                $0.upstream = #"balancing: "hash_consistent", hash_key: "$request_uri","#
                $0.traffic += #", uris: { "/a": 1, "/b": 1, "/c": 1, "/d": 1, "/e": 1, "/f": 1 }"#
            } },
            expectation: "more URIs spread a URI hash over more servers",
            holds: { largestShare($0) == 1 && largestShare($1) < 1 }),
        Row(field: "nginx.upstreams.NAME.balancing_after_keepalive",
            base: { Model().with { $0.version = "1.22.1"; $0.upstream = #"keepalive: 16, balancing: "least_conn","#; $0.location = #"proxy_http_version: "1.1", proxy_set_header_connection: "","# } },
            changed: { Model().with { $0.version = "1.22.1"; $0.upstream = #"keepalive: 16, balancing: "least_conn", balancing_after_keepalive: true,"#; $0.location = #"proxy_http_version: "1.1", proxy_set_header_connection: "","# } },
            expectation: "classic nginx: least_conn after keepalive silently disables the cache",
            holds: { opened($1) > 10 * opened($0) }),
        Row(field: "nginx.upstreams.NAME.keepalive", base: { Model() }, changed: { Model().with { $0.upstream = "keepalive: 0," } },
            expectation: "no cache: a connection per request",
            holds: { opened($1) > 10 * opened($0) }),
        Row(field: "nginx.upstreams.NAME.keepalive_local",
            base: { Model().with {
                $0.locations = #"{ "/a": { proxy_pass: "app" }, "/b": { proxy_pass: "app" } }"#
                $0.traffic += #", locations: { "/a": 1, "/b": 1 }"#
                $0.upstream = "keepalive: 4,"
            } },
            changed: { Model().with {
                $0.locations = #"{ "/a": { proxy_pass: "app" }, "/b": { proxy_pass: "app" } }"#
                $0.traffic += #", locations: { "/a": 1, "/b": 1 }"#
                $0.upstream = "keepalive: 4, keepalive_local: true,"
            } },
            expectation: "local: a location reuses only its own connections",
            holds: { opened($1) > opened($0) }),
        Row(field: "nginx.upstreams.NAME.keepalive_timeout",
            base: { Model().with { $0.traffic = "rate: 20, clients: 40" } },
            changed: { Model().with { $0.traffic = "rate: 20, clients: 40"; $0.upstream = #"keepalive_timeout: "20ms","# } },
            expectation: "idle upstream connections time out between requests",
            holds: { opened($1) > 2 * opened($0) }),
        Row(field: "nginx.upstreams.NAME.keepalive_requests", base: { Model() }, changed: { Model().with { $0.upstream = "keepalive_requests: 2," } },
            expectation: "an upstream connection serves two requests",
            holds: { opened($1) > 10 * opened($0) }),
        Row(field: "nginx.upstreams.NAME.keepalive_time", base: { Model() }, changed: { Model().with { $0.upstream = #"keepalive_time: "200ms","# } },
            expectation: "upstream connections older than 200 ms are not cached again",
            holds: { opened($1) > 2 * opened($0) }),
        Row(field: "nginx.upstreams.NAME.zone",
            base: { failingFirstServer.with { $0.workers = 4 } },
            changed: { failingFirstServer.with { $0.workers = 4; $0.upstream = #"zone: "app","# } },
            expectation: "failure state shared by the workers: the failing server is found out once, not once per worker",
            holds: { backendRequests($1, 0) < backendRequests($0, 0) }),
        Row(field: "nginx.locations.PATH.proxy_http_version", base: { Model() }, changed: { Model().with { $0.location = #"proxy_http_version: "1.0","# } },
            expectation: "HTTP/1.0 upstream: no reuse",
            holds: { opened($1) > 10 * opened($0) }),
        Row(field: "nginx.locations.PATH.proxy_set_header_connection", base: { Model() },
            changed: { Model().with { $0.location = #"proxy_set_header_connection: "close","# } },
            expectation: "Connection: close upstream: no reuse",
            holds: { opened($1) > 10 * opened($0) }),
        Row(field: "nginx.locations.PATH.proxy_next_upstream",
            base: { failingFirstServer.with { $0.location = "" } }, changed: { failingFirstServer },
            expectation: "http_500 passes the failing server's requests to another",
            holds: { status($1, "500") < status($0, "500") }),
        Row(field: "nginx.locations.PATH.proxy_next_upstream_tries",
            base: { failingFirstServer }, changed: { failingFirstServer.with { $0.location += " proxy_next_upstream_tries: 1," } },
            expectation: "one try: no retry, the 500s reach clients",
            holds: { status($1, "500") > status($0, "500") }),
        Row(field: "nginx.locations.PATH.proxy_next_upstream_timeout",
            base: { failingFirstServer.with { $0.backends = $0.backends.replacingOccurrences(of: #"cpu: "1ms""#, with: #"cpu: "20ms""#) } },
            changed: { failingFirstServer.with {
                $0.backends = $0.backends.replacingOccurrences(of: #"cpu: "1ms""#, with: #"cpu: "20ms""#)
                $0.location += #" proxy_next_upstream_timeout: "5ms","#
            } },
            expectation: "no retry after 5 ms: the slow failures reach clients",
            holds: { status($1, "500") > status($0, "500") }),
        Row(field: "nginx.locations.PATH.proxy_connect_timeout",
            base: { Model().with { $0.network = #"proxy_backend: { one_way: "5ms" }"# } },
            changed: { Model().with { $0.network = #"proxy_backend: { one_way: "5ms" }"#; $0.location = #"proxy_connect_timeout: "2ms","# } },
            expectation: "a 10 ms handshake against a 2 ms connect timeout: 504",
            holds: { status($0, "504") == 0 && cause($1, "connect_timeout") > 0 }),
        Row(field: "nginx.locations.PATH.proxy_read_timeout",
            base: { Model() }, changed: { Model().with { $0.location = #"proxy_read_timeout: "500us","# } },
            expectation: "a 1 ms service against a 0.5 ms read timeout: 504",
            holds: { status($0, "504") == 0 && cause($1, "read_timeout") > 0 }),
        Row(field: "nginx.locations.PATH.proxy_buffering",
            base: { Model().with { $0.network = "client_proxy: { bandwidth_mbps: 1 }"; $0.traffic += ", response_bytes: 20000" } },
            changed: { Model().with {
                $0.network = "client_proxy: { bandwidth_mbps: 1 }"; $0.traffic += ", response_bytes: 20000"
                $0.location = "proxy_buffering: false,"
            } },
            expectation: "unbuffered: a slow client holds the upstream connection",
            holds: { $1.upstream.peakOpen > 2 * $0.upstream.peakOpen }),
        Row(field: "nginx.locations.PATH.proxy_request_buffering",
            base: { failingFirstServer.with { $0.network = "client_proxy: { bandwidth_mbps: 10 }"; $0.traffic += ", request_bytes: 10000" } },
            changed: { failingFirstServer.with {
                $0.network = "client_proxy: { bandwidth_mbps: 10 }"; $0.traffic += ", request_bytes: 10000"
                $0.location += " proxy_request_buffering: false,"
            } },
            expectation: "a body still arriving is streamed and cannot be sent again: no retry",
            holds: { status($1, "500") > status($0, "500") }),
        Row(field: "nginx.same_pass_order",
            base: { racingBusyWorkers.with { $0.nginx += #" same_pass_order: "request_first","# } },
            changed: { racingBusyWorkers.with { $0.nginx += #" same_pass_order: "backend_close_first","# } },
            expectation: "close handlers before requests in a pass: fewer requests meet a stale connection",
            holds: { stale($1) < stale($0) }),
        Row(field: "nginx.cpu.accept", base: { Model() }, changed: { Model().with { $0.nginx = #"cpu: { accept: "1ms" },"# } },
            expectation: "workers spend time accepting", holds: { busiest($1) > busiest($0) }),
        Row(field: "nginx.cpu.connect", base: { Model().with { $0.upstream = "keepalive: 0," } },
            changed: { Model().with { $0.upstream = "keepalive: 0,"; $0.nginx = #"cpu: { connect: "200us" },"# } },
            expectation: "workers spend time connecting", holds: { busiest($1) > busiest($0) }),
        Row(field: "nginx.cpu.request", base: { Model() }, changed: { Model().with { $0.nginx = #"cpu: { request: "200us" },"# } },
            expectation: "workers spend time reading requests", holds: { busiest($1) > busiest($0) }),
        Row(field: "nginx.cpu.response", base: { Model() }, changed: { Model().with { $0.nginx = #"cpu: { response: "200us" },"# } },
            expectation: "workers spend time relaying responses", holds: { busiest($1) > busiest($0) }),
        Row(field: "nginx.cpu.close", base: { Model().with { $0.upstream = "keepalive: 0," } },
            changed: { Model().with { $0.upstream = "keepalive: 0,"; $0.nginx = #"cpu: { close: "200us" },"# } },
            expectation: "workers spend time closing", holds: { busiest($1) > busiest($0) }),
        Row(field: "nginx.cpu.tls_handshake",
            base: { Model().with { $0.network = #"client_proxy: { tls: "1.3" }"#; $0.nginx = #"keepalive_timeout: "0s","# } },
            changed: { Model().with { $0.network = #"client_proxy: { tls: "1.3" }"#; $0.nginx = #"keepalive_timeout: "0s", cpu: { tls_handshake: "2ms" },"# } },
            expectation: "workers spend time on client TLS handshakes", holds: { busiest($1) > busiest($0) }),
    ]

    /// nginx fields that need no row, and why.
    static let explained: [String: String] = [
        "nginx.upstreams": "the container of the blocks: every row has one",
        "nginx.upstreams.NAME.servers": "the container of the server lines: the servers[] rows",
        "nginx.upstreams.NAME.servers[].address": "names the server; distinct addresses are distinct backends (every row)",
        "nginx.upstreams.NAME.servers[].backend": "maps a server to its backend: the rows with a failing or slow first server",
        "nginx.locations": "the container of the locations: the keepalive_local row has two",
        "nginx.locations.PATH.proxy_pass": "routes a location to its upstream (every row)",
        "nginx.locations.PATH.backend": "maps an implicit upstream's address to its backend (ScenarioLoaderTests)",
        "nginx.locations.PATH.proxy_send_timeout": "armed only while a write is blocked; the model's backends always read (models/README.md)",
        "nginx.accept_mutex_delay": "no effect without accept_mutex (as in nginx); refused with it (NginxConfigurationValidationTests)",
        "nginx.multi_accept": "only off is accepted; on is refused (NginxConfigurationValidationTests)",
        "nginx.http2": "offers HTTP/2 to clients: changes a run only with traffic.client_protocol \"h2\", which needs it (HTTP2ClientTests, HTTP2ReadingTests)",
        "nginx.cpu": "the container of the cpu.* rows",
        "nginx.accept": "the container of the accept.* rows",
    ]

    @Test(arguments: rows)
    func changingADirectiveMovesTheRunAsNginxWould(row: Row) throws {
        let base = try Self.run(row.base())
        let changed = try Self.run(row.changed())
        #expect(row.holds(base, changed), "\(row.field): expected \(row.expectation)")
    }

    @Test func everyDocumentedNginxFieldIsWalked() throws {
        let readme = try String(contentsOfFile: Self.repositoryFile("models/README.md"), encoding: .utf8)
        let fields = readme.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `nginx.") else { return nil }
            return line.dropFirst(3).split(separator: "`").first.map(String.init)
        }
        #expect(fields.count > 30)
        let walked = Set(Self.rows.map(\.field)).union(Self.explained.keys)
        for field in fields where !walked.contains(field) {
            Issue.record("\(field) is accepted by the model format but neither walked nor explained here")
        }
    }

    static func repositoryFile(_ path: String) -> String {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent(path).path
    }
}
