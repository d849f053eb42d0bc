import Foundation
import Experiments
import ProxyModel
import Testing

@Suite struct CapacityPlannerTests {
    /// Page loads of `burst` requests at once (one per client connection),
    /// 10 pages a second, each request served in 1 ms: the upstream busy count
    /// jumps from 0 to `burst` and back. After a burst, a pool of N keeps N idle
    /// connections and closes the rest, so the next burst opens `burst - N`:
    /// handshakes per 1,000 requests are exactly 1000 (burst - N) / burst.
    static func burstModel(burst: Int = 20, profile: String = "node-26", extra: String = "") -> String {
        """
        {
          nginx: { version: "1.29.7",
            upstreams: { app: { servers: ["10.0.0.1:8080"] \(extra) } },
            locations: { "/": { proxy_pass: "app" } } },
          backends: { app: { profile: "\(profile)", workers: 64, service: { cpu: { constant: "1ms" } } } },
          traffic: { pages: { rate: 10, requests_per_page: \(burst) }, spacing: "even", clients: 1, connections_per_client: \(burst) },
          run: { duration: "5s", warmup: "1s", seed: 1 },
        }
        """
    }

    private func plan(_ text: String, targets: [String], replications: Int = 3) throws -> CapacityPlan {
        let planner = try CapacityPlanner(model: try ExperimentFixtures.model(text),
                                          targets: try targets.map { try PlanTarget(parsing: $0) }, replications: replications)
        return try planner.plan(threads: 2)
    }

    @Test(arguments: [(10, 20), (100, 18), (500, 10)])
    func planFindsTheKnownSmallestPool(limit: Int, expected: Int) throws {
        // 1000 (20 - N) / 20 <= limit  <=>  N >= 20 - limit / 50.
        let result = try plan(Self.burstModel(), targets: ["handshakes_per_1k=\(limit)"])
        #expect(result.settings.keepalive == expected)
        #expect(result.prediction.meetsEveryTarget)
        #expect(result.reasons[0].hasPrefix("keepalive \(expected): the smallest pool per worker that meets every target "
            + "(at most 1 x \(expected) = \(expected) idle connections to app); keepalive \(expected - 1) gives upstream_connections_per_1k"))
    }

    @Test func theTimeoutStaysBelowTheBackendsIdleClose() throws {
        let result = try plan(Self.burstModel(profile: "node-20"), targets: ["handshakes_per_1k=10", "error_rate=0"])
        #expect(result.settings.keepaliveTimeout == .seconds(4))
        #expect(result.reasons.contains("keepalive_timeout 4s: below the backend's idle close at 6s (node-20), so nginx closes "
            + "idle connections first and no request meets a closed connection"))
        #expect(result.directiveText.contains("keepalive_timeout 4s;"))
    }

    @Test func aWrittenTimeoutIsKeptAndJudged() throws {
        let result = try plan(Self.burstModel(profile: "node-20", extra: ", keepalive_timeout: \"60s\""), targets: ["handshakes_per_1k=10"])
        #expect(result.settings.keepaliveTimeout == nil)
        #expect(result.reasons.contains { $0.hasPrefix("keepalive_timeout 60s (as written): NOT below the backend's idle close at 6s") })
        #expect(result.directiveText.contains("keepalive_timeout 60s;  # as written"))
    }

    @Test func classicNginxGetsTheDirectivesReuseNeeds() throws {
        let classic = Self.burstModel().replacingOccurrences(of: "1.29.7", with: "1.22.1")
        let result = try plan(classic, targets: ["handshakes_per_1k=10"])
        #expect(result.settings.keepalive == 20)
        #expect(result.directiveText.contains("location / {\n      proxy_http_version 1.1;\n      proxy_set_header Connection \"\";\n  }"))
        #expect(result.reasons.contains { $0.hasPrefix("proxy_http_version 1.1 in location /: proxy_http_version is 1.0") })
    }

    @Test func unreachableTargetsAreExplained() throws {
        var planner = try CapacityPlanner(model: try ExperimentFixtures.model(Self.burstModel()),
                                          targets: [try PlanTarget(parsing: "p99_ms=0.5")], replications: 2)
        planner.maximumKeepalive = 8
        planner.maximumWorkers = 2
        #expect {
            _ = try planner.plan(threads: 2)
        } throws: { error in
            let message = (error as? ExperimentError)?.message ?? ""
            return message.contains("no setting meets every target: even with 2 workers and keepalive 8")
                && message.contains(", not within the target <= 0.5") && message.contains("latency_p99_ms ")
        }
    }

    @Test func targetsReadAliasesAndMetricNames() throws {
        #expect(try PlanTarget(parsing: "handshakes_per_1k=10").metric == "upstream_connections_per_1k")
        #expect(try PlanTarget(parsing: "p99_ms=25").metric == "latency_p99_ms")
        #expect(try PlanTarget(parsing: "stale_failures_surfaced=0").metric == "stale_failures_surfaced")
        for bad in ["handshakes=3", "p99_ms", "p99_ms=-1", "p99_ms=x", "=3"] {
            #expect(throws: ExperimentError.self) { try PlanTarget(parsing: bad) }
        }
        #expect(try PlanTarget(parsing: "error_rate=0.01").isMet(mean: 0.005, halfWidth: 0.004))
        #expect(try !PlanTarget(parsing: "error_rate=0.01").isMet(mean: 0.008, halfWidth: 0.004))
    }

    @Test func severalUpstreamsNeedOneNamed() throws {
        let text = """
            { nginx: { version: "1.29.7",
                upstreams: { a: { servers: ["10.0.0.1:80"] }, b: { servers: ["10.0.0.2:80"] } },
                locations: { "/a": { proxy_pass: "a" }, "/b": { proxy_pass: "b" } } },
              backends: { app: { profile: "node-26" } },
              run: { duration: "2s", warmup: "1s" } }
            """
        let model = try ExperimentFixtures.model(text)
        #expect { try CapacityPlanner(model: model, targets: []) } throws: {
            ($0 as? ExperimentError)?.message.contains("has 2 upstreams (a, b); name the one to plan with --upstream") == true
        }
        #expect { try CapacityPlanner(model: model, targets: [], upstream: "c") } throws: {
            ($0 as? ExperimentError)?.message.contains("no upstream 'c'") == true
        }
        #expect(try CapacityPlanner(model: model, targets: [], upstream: "b").upstream == "b")
    }

    @Test func aModelThatSendsNothingInTheMeasuredTimeIsSaidPlainly() throws {
        let text = ExperimentFixtures.modelText(rate: 1, duration: "1s", warmup: "999ms").replacingOccurrences(of: "rate: 1,", with: "rate: 0.001,")
        #expect {
            try plan(text, targets: ["handshakes_per_1k=10"], replications: 2)
        } throws: { ($0 as? ExperimentError)?.message.contains("the model sends no requests in the measured time") == true }
    }

    /// One client with one connection; every 5 s a burst of 100 requests at once
    /// waits behind each other for it (up to ~0.5 s), between bursts 40 requests/s
    /// flow freely: a pool of 1 meets the default targets while the p99 is bad.
    static let clientBurstModel = """
        {
          nginx: { version: "1.29.7",
            upstreams: { app: { servers: ["10.0.0.1:8080"] } },
            locations: { "/": { proxy_pass: "app" } } },
          backends: { app: { profile: "node-26", workers: 64, service: { cpu: { constant: "5ms" } } } },
          traffic: { pattern: { bursty: { base_rate: 40, burst_rate: 1000, burst_length: "100ms", period: "5s" } },
                     spacing: "even", clients: 1, connections_per_client: 1 },
          run: { duration: "11s", warmup: "1s", seed: 1 },
        }
        """

    @Test func planNotesABadlyMissedLatencyItWasNotAskedAbout() throws {
        let plan = try plan(Self.clientBurstModel, targets: [], replications: 2)
        let note = try #require(plan.unaskedMisses.first { $0.hasPrefix("latency_p99_ms ") }, "\(plan.text)")
        #expect(note.contains("requests wait at the clients for a connection (traffic.clients, traffic.connections_per_client)"))
        #expect(note.hasSuffix("plan for it with --target p99_ms=LIMIT"))
        #expect(plan.text.contains("\nNot asked for, but badly missed at these settings:\n  - latency_p99_ms "))
    }

    @Test func planAskedAboutLatencyAddsNoNoteOnIt() throws {
        let plan = try plan(Self.clientBurstModel, targets: ["handshakes_per_1k=10", "p999_ms=100000"], replications: 2)
        #expect(!plan.unaskedMisses.contains { $0.hasPrefix("latency") })
        #expect(!plan.text.contains("Not asked for"))
    }
}
