import Testing
import Scenario
import Simulation

/// HTTP/2 clients (`traffic.client_protocol: "h2"`) as the simulator runs
/// them: one connection per host carrying concurrent streams, the stream
/// limit queued at the client, one upstream connection per concurrent
/// request, `keepalive_requests` counting streams; audited, deterministic.
@Suite struct HTTP2ClientTests {
    /// One browser loading pages of `calls` requests over `hosts` host names, every call 50 ms at the backend.
    static func text(client: String, calls: Int = 12, hosts: Int = 3, streams: Int = 128, nginx: String = "") -> String {
        let clients = client == "h2" ? #"client_protocol: "h2""# : "connections_per_client: 6"
        return """
        {
          nginx: { version: "1.29.7", http2: true, http2_max_concurrent_streams: \(streams), \(nginx)
                   upstreams: { app: { servers: ["10.0.0.1:8080"], keepalive: 64 } } },
          backends: { app: { profile: "go-default", workers: 64, service: { cpu: "1ms", wait: "49ms" } } },
          network: { client_proxy: { one_way: "10ms" } },
          traffic: { pages: { rate: 2, requests_per_page: \(calls), hosts: \(hosts) }, spacing: "even", clients: 1,
                     \(clients) },
          run: { duration: "10s", warmup: "0s", seed: 7 },
        }
        """
    }

    static func run(_ text: String) throws -> Simulator.Result {
        try Simulator.audited(try ScenarioLoader.load(file: "h2.json5", bytes: Array(text.utf8)).model)
    }

    @Test func http2OpensOneConnectionPerHostAndCarriesThePagesCallsAsConcurrentStreams() throws {
        let h2 = try Self.run(Self.text(client: "h2")).report
        let h1 = try Self.run(Self.text(client: "http/1.1")).report
        // 19 pages (0.5 s apart from 0.5 s on) of 12 calls.
        #expect(h2.requests.completed == 19 * 12 && h2.requests.errors == 0)
        // One connection per host for the whole run (75 s keepalive_timeout): 3 in all.
        #expect(h2.client.connectionsOpened == 3, "\(h2.client.connectionsOpened)")
        #expect(h2.client.peakStreams == 4)
        #expect(h2.client.streamsPerConnection == 76)
        // HTTP/1.1: 4 calls per host, each on its own connection.
        #expect(h1.client.peakOpen == 12 && h1.client.streamsPerConnection == nil)
    }

    @Test func upstreamConnectionsNeededEqualTheConcurrencyWhateverTheClientProtocol() throws {
        let h2 = try Self.run(Self.text(client: "h2")).report
        let h1 = try Self.run(Self.text(client: "http/1.1")).report
        // All 12 calls of a page are at the backend at once: 12 upstream connections either way.
        #expect(h2.upstream.peakOpen == 12 && h1.upstream.peakOpen == 12, "\(h2.upstream.peakOpen) \(h1.upstream.peakOpen)")
    }

    @Test func streamsBeyondTheLimitWaitAtTheClient() throws {
        let limited = try Self.run(Self.text(client: "h2", calls: 12, hosts: 1, streams: 4)).report
        #expect(limited.client.peakStreams == 4)
        #expect(limited.client.connectionsOpened == 1)
        #expect(limited.client.queuedForConnection == 19 * 8, "\(limited.client.queuedForConnection)")
        #expect(limited.upstream.peakOpen == 4)
        #expect(limited.requests.errors == 0)
    }

    @Test func keepaliveRequestsCountsStreamsAndTheClientSendsTheRestOnANewConnection() throws {
        // keepalive_requests 5 on pages of 12 calls to one host: GOAWAY at the 5th stream.
        let report = try Self.run(Self.text(client: "h2", calls: 12, hosts: 1, nginx: "keepalive_requests: 5,")).report
        #expect(report.requests.completed == 228 && report.requests.errors == 0)
        #expect(report.client.closedByReason.contains { $0.name == "keepalive_requests" })
        // 228 streams, 5 per connection.
        #expect(report.client.connectionsOpened == 46, "\(report.client.connectionsOpened)")
        #expect(report.client.staleRetries > 0, "streams sent after the GOAWAY are sent again")
    }

    /// Every race at once: idle closes meeting new streams (keepalive_timeout
    /// 60 ms), GOAWAY every 3 streams, no worker_connections slot for an
    /// upstream connection or (4 slots) at accept, a busy worker with a short accept queue. The audit must hold and every
    /// request must end.
    @Test(arguments: [(UInt64(1), 12), (2, 12), (3, 4)])
    func anHTTP2RunUnderEveryRaceKeepsItsBooks(seed: UInt64, workerConnections: Int) throws {
        let text = """
            {
              nginx: { version: "1.29.7", http2: true, http2_max_concurrent_streams: 3, keepalive_requests: 3, keepalive_timeout: "60ms",
                       worker_processes: 2, worker_connections: \(workerConnections), listen_backlog: 2, cpu: { accept: "2ms", request: "200us" },
                       upstreams: { app: { servers: ["10.0.0.1:8080", "10.0.0.2:8080"], keepalive: 2 } } },
              backends: { app: { profile: "node-20", idle_timeout: "30ms", workers: 4, service: { cpu: { exponential: { mean: "2ms" } } } } },
              network: { client_proxy: { one_way: "5ms", jitter: "2ms" } },
              traffic: { pages: { rate: 40, requests_per_page: 8, hosts: 2 }, clients: 30, client_protocol: "h2" },
              run: { duration: "5s", warmup: "0s", seed: \(seed), drain: "200s" },
            }
            """
        let result = try Self.run(text)
        #expect(result.audit.requestsInFlight == 0, "every request ends")
        #expect(result.report.requests.completed == result.report.requests.sent)
        #expect(result.report.client.closedByReason.contains { $0.name == "keepalive_requests" })
    }

    @Test func http2RunsAreTheSameForTheSameSeed() throws {
        let text = Self.text(client: "h2", calls: 30, hosts: 2, streams: 8, nginx: "keepalive_requests: 7,")
        #expect(try Self.run(text).fingerprint == (try Self.run(text).fingerprint))
    }
}
