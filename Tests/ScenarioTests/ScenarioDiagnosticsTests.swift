import Scenario
import Testing

/// Bad scenarios: every problem reported at once, where it is, with what would be valid.
@Suite struct ScenarioDiagnosticsTests {
    func problems(_ text: String) -> [String] { ScenarioFixtures.problems(text) }

    @Test func syntaxErrorIsOneDiagnosticWithLineAndColumn() {
        let text = """
            {
              nginx: {
                upstreams: { app: { servers: ["a:1"] } }
                locations: {},
              },
            }
            """
        #expect(problems(text) == [
            "models/x.json5:4:5: nginx: expected ',' or '}' after object member, found 'l'",
        ])
    }

    @Test func negativeKeepaliveIsReportedAtItsValueWithTheBound() {
        let text = """
            {
              nginx: {
                upstreams: {
                  app: {
                    servers: [
                      { address: "10.0.0.1:8080" },
                    ],
                    // per worker
                    keepalive:
                      -3,
                  },
                },
              },
            }
            """
        #expect(problems(text) == ["models/x.json5:10:11: nginx.upstreams.app.keepalive: must be >= 0 (got -3)"])
    }

    @Test(arguments: [
        ("{ ngnix: {} }", "ngnix: unknown key; did you mean 'nginx'?"),
        ("{ nginx: { upstreams: { app: { servers: ['a:1'], keepalve: 8 } } } }",
         "nginx.upstreams.app.keepalve: unknown key; did you mean 'keepalive'?"),
        ("{ nginx: { upstreams: { app: { servers: [{ address: 'a:1', wieght: 2 }] } } } }",
         "nginx.upstreams.app.servers[0].wieght: unknown key; did you mean 'weight'?"),
        ("{ nginx: { upstreams: { app: { servers: ['a:1'] } }, locations: { '/': { proxy_http_verison: '1.1' } } } }",
         "nginx.locations[\"/\"].proxy_http_verison: unknown key; did you mean 'proxy_http_version'?"),
        ("{ backends: { app: { servce: {} } } }", "backends.app.servce: unknown key; did you mean 'service'?"),
        ("{ backends: { app: { service: { cpu: { exponential: { maen: '1ms' } } } } } }",
         "backends.app.service.cpu.exponential.maen: unknown key; did you mean 'mean'?"),
        ("{ network: { client_proxy: { one_wya: '1ms' } } }", "network.client_proxy.one_wya: unknown key; did you mean 'one_way'?"),
        ("{ traffic: { pattern: { diurnal: { mean_rate: 5, amplitde: 0.2 } } } }",
         "traffic.pattern.diurnal.amplitde: unknown key; did you mean 'amplitude'?"),
        ("{ run: { warmpu: '1s' } }", "run.warmpu: unknown key; did you mean 'warmup'?"),
    ])
    func unknownKeyAtAnyDepthSuggestsTheNearestValidKey(text: String, expected: String) {
        #expect(problems(text).contains { $0.hasSuffix(expected) }, "\(problems(text))")
    }

    @Test func unknownKeyWithNothingNearListsTheValidKeys() {
        let found = problems("{ nginx: { upstreams: { app: { servers: ['a:1'] } } }, run: { colour: 'blue' } }")
        #expect(found == ["models/x.json5:1:63: run.colour: unknown key; valid keys are: duration, warmup, seed, replications, drain"])
    }

    @Test func unknownProfileListsTheValidOnesAndTheNearest() {
        let found = problems("{ nginx: { upstreams: { app: { servers: ['a:1'] } } }, backends: { app: { profile: 'node20' } } }")
        #expect(found.count == 1)
        #expect(found.first?.contains("backends.app.profile: must be one of: node-20, node-26, go-default, go-idle,") == true)
        #expect(found.first?.hasSuffix("(got \"node20\"; did you mean \"node-20\"?)") == true)
    }

    @Test func unknownBackendReferenceNamesTheDefinedOnesAndTheNearest() {
        let text = """
            { nginx: { upstreams: { app: { servers: [{ address: 'a:1', backend: 'nod' }] } } },
              backends: { node: {}, db: {} } }
            """
        #expect(problems(text) == [
            "models/x.json5:1:69: nginx.upstreams.app.servers[0].backend: no backend \"nod\" is defined in backends; "
                + "did you mean \"node\"? (defined: node, db)",
        ])
    }

    @Test func locationToAnUnknownUpstreamSuggestsTheNearestAndTheAddressForm() {
        let found = problems("{ nginx: { upstreams: { api: { servers: ['a:1'] } }, locations: { '/': { proxy_pass: 'apo' } } } }")
        #expect(found == [
            "models/x.json5:1:86: nginx.locations[\"/\"].proxy_pass: no upstream \"apo\" is defined in nginx.upstreams; "
                + "did you mean \"api\"? (defined: api); to pass to an address, write \"http://apo\"",
        ])
    }

    @Test func upstreamNoLocationUsesIsReported() {
        let text = """
            { nginx: { upstreams: { app: { servers: ['a:1'] }, admin: { servers: ['b:1'] } },
                       locations: { '/': { proxy_pass: 'app' } } } }
            """
        #expect(problems(text) == [
            "models/x.json5:1:59: nginx.upstreams.admin: no location proxies to this upstream; add one to nginx.locations, "
                + "e.g. \"/admin/\": { proxy_pass: \"admin\" }",
        ])
    }

    @Test func backendNoServerUsesIsReported() {
        let text = "{ nginx: { upstreams: { app: { servers: ['a:1'] } } }, backends: { app: {}, cache: {} } }"
        #expect(problems(text).count == 1)
        #expect(problems(text).first?.contains("backends.cache: no server uses this backend") == true)
    }

    @Test func oneAddressWithTwoBackendsIsReported() {
        let text = """
            { nginx: { upstreams: { a: { servers: ['h:1'] }, b: { servers: [{ address: 'h:1', backend: 'b' }] } },
                       locations: { '/': { proxy_pass: 'a' }, '/b/': { proxy_pass: 'b' } } },
              backends: { a: {}, b: {} } }
            """
        #expect(problems(text).first?.contains("nginx.upstreams.b.servers[0]: address h:1 is backend \"a\" at nginx.upstreams.a.servers[0]") == true)
    }

    @Test(arguments: [
        ("run: { duration: 60 }", "run.duration: invalid duration \"60\": the number has no unit"),
        ("run: { warmup: '5 s' }", "run.warmup: invalid duration \"5 s\": it contains a space"),
        ("run: { drain: '-1s' }", "run.drain: invalid duration \"-1s\": it is negative"),
        ("run: { duration: '1w' }", "run.duration: invalid duration \"1w\": unknown unit \"w\""),
        ("run: { duration: true }", "run.duration: must be a duration such as \"250ms\" (got true)"),
        ("run: { duration: '0s' }", "run.duration: must be >= 1ms (got \"0s\")"),
        ("run: { duration: '10s', warmup: '10s' }", "run.warmup: must be shorter than run.duration (10s) (got 10s)"),
        ("network: { time_wait: '1m30' }", "network.time_wait: invalid duration \"1m30\": the number has no unit"),
    ])
    func badDurationsSayWhatIsWrongAndWhatIsAccepted(section: String, expected: String) {
        let found = problems("{ nginx: { upstreams: { app: { servers: ['a:1'] } } }, \(section) }")
        #expect(found.count == 1 && found[0].contains(expected), "\(found)")
    }

    @Test(arguments: [
        ("{ exponential: { mean: '0s' } }", "service.cpu: exponential mean must be > 0 (got 0.0) (times in milliseconds)"),
        ("{ lognormal: { median: '20ms', p99: '5ms' } }", "service.cpu: lognormal needs 0 < median <= p99"),
        ("{ lognormal: { median: '2ms', sigma: 1 } }", "service.cpu.lognormal: give either median and p99, or mu and sigma, not both"),
        ("{ uniform: { low: '1ms' } }", "service.cpu.uniform.high: is required but missing"),
        ("{ exponentail: { mean: '1ms' } }", "service.cpu.exponentail: unknown key; did you mean 'exponential'?"),
        ("{ exponential: { mean: '1ms' }, constant: '1ms' }", "service.cpu: must have only one of the keys constant, exponential"),
        ("{}", "service.cpu: must have one of the keys constant, exponential, uniform, normal, lognormal, pareto, empirical"),
        ("{ empirical: [] }", "service.cpu.empirical: must have at least 1 element (got 0)"),
        ("{ pareto: { scale: '1ms', shape: 0 } }", "service.cpu.pareto.shape: must be >= "),
        ("[1, 2]", "service.cpu: must be a distribution such as { exponential: { mean: \"5ms\" } }"),
        ("3", "service.cpu: invalid duration \"3\": the number has no unit"),
    ])
    func badDistributionsAreReportedAtTheirField(distribution: String, expected: String) {
        let found = problems("{ nginx: { upstreams: { app: { servers: ['a:1'] } } }, backends: { app: { service: { cpu: \(distribution) } } } }")
        #expect(found.count == 1 && found[0].contains("backends.app." + expected), "\(found)")
    }

    @Test func traceThatDoesNotExistIsReportedWhenTheScenarioIsRead() {
        let found = problems("{ nginx: { upstreams: { app: { servers: ['a:1'] } } }, traffic: { trace: 'traces/nope.csv' } }")
        #expect(found == [
            "models/x.json5:1:74: traffic.trace: cannot use the trace file: models/traces/nope.csv: "
                + "cannot open the trace file (No such file or directory); give the path of a CSV trace file",
        ])
    }

    @Test(arguments: [
        ("version: '1.22.1', upstreams: { app: { servers: ['a:1'], keepalive: 0 } }",
         "nginx.upstreams.app.keepalive: invalid value \"0\" in \"keepalive\" directive; expected a whole number >= 1 (nginx 1.22.1 has no keepalive 0)"),
        ("upstreams: { app: { servers: ['a:1'], keepalive: 8, keepalive_local: true } }",
         "nginx.upstreams.app.keepalive_local: \"keepalive\" has no parameter \"local\" in nginx 1.22.1 (added in 1.29.7)"),
        ("version: '1.18.0', keepalive_time: '1h', upstreams: { app: { servers: ['a:1'] } }",
         "nginx.keepalive_time: unknown directive \"keepalive_time\": nginx 1.18.0 does not have it (added in 1.19.10)"),
        ("version: '1.9.0', upstreams: { app: { servers: ['a:1'] } }, locations: { '/': { proxy_next_upstream: ['error', 'non_idempotent'] } }",
         "nginx.locations[\"/\"].proxy_next_upstream: \"proxy_next_upstream\" has no parameter \"non_idempotent\" in nginx 1.9.0 (added in 1.9.13)"),
        ("upstreams: { app: { servers: [{ address: 'a:1' }, { address: 'b:1', backup: true }], balancing: 'hash', hash_key: '$request_uri' } }",
         "nginx.upstreams.app.servers[1].backup: server b:1: balancing method hash does not support parameter \"backup\""),
        ("upstreams: { app: { servers: [{ address: 'a:1', backup: true }] } }",
         "nginx.upstreams.app.servers: no servers in upstream: every server is backup"),
        ("version: '1.14.0', upstreams: { app: { servers: ['a:1'], keepalive: 4, keepalive_timeout: '5s' } }",
         "nginx.upstreams.app.keepalive_timeout: unknown directive \"keepalive_timeout\": nginx 1.14.0 does not have it (added in 1.15.3)"),
    ])
    func nginxsOwnRefusalsPointAtTheFieldThatWroteThem(nginx: String, expected: String) {
        let found = problems("{ nginx: { \(nginx) } }")
        #expect(found.count == 1 && found[0].contains(expected), "\(found)")
    }

    @Test func everyProblemIsReportedAtOnceInFileOrder() {
        let text = """
            {
              nginx: {
                version: "1.99",
                worker_processes: 0,
                upstreams: {
                  app: { servers: [{ address: "a:1", backend: "nodee" }], keepalive: -1 },
                },
              },
              backends: { node: { profile: "nod-20", workers: 0 } },
              traffic: { rate: 0, methods: { GETT: 1 } },
              run: { duration: "1 minute", seed: -5 },
            }
            """
        let found = problems(text)
        #expect(found.map { $0.split(separator: ":").prefix(3).joined(separator: ":") } == [
            "models/x.json5:4:23",  // worker_processes
            "models/x.json5:6:51",  // backend
            "models/x.json5:6:74",  // keepalive
            "models/x.json5:9:32",  // profile
            "models/x.json5:9:51",  // workers
            "models/x.json5:10:20",  // rate
            "models/x.json5:10:40",  // method
            "models/x.json5:11:20",  // duration
            "models/x.json5:11:38",  // seed
        ], "\(found.joined(separator: "\n"))")
    }

    @Test func shorthandServerWithSeveralBackendsAndNoDefaultIsReported() {
        let text = "{ nginx: { upstreams: { app: { servers: ['a:1'] } } }, backends: { x: {}, y: {} } }"
        #expect(problems(text).contains {
            $0.contains("nginx.upstreams.app.servers[0]: a server written as an address takes the default backend, but there is none")
        })
    }

    @Test func sourcesAreExclusiveAndSpacingOnlyForArrivals() {
        #expect(problems("{ nginx: { upstreams: { app: { servers: ['a:1'] } } }, traffic: { rate: 5, closed_loop: {} } }") == [
            "models/x.json5:1:65: traffic: give one traffic source: rate, pattern, trace, closed_loop, pages (got rate and closed_loop)",
        ])
        #expect(problems("{ nginx: { upstreams: { app: { servers: ['a:1'] } } }, traffic: { closed_loop: {}, spacing: 'even' } }") == [
            "models/x.json5:1:93: traffic.spacing: applies only to rate, pattern and pages: a trace and a closed loop set their own times",
        ])
    }
}
