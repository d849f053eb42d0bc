import Foundation
import ProxyModel
import Randomness
import Scenario
import Testing
import Traffic

/// Reading scenarios into the model the drivers run.
@Suite struct ScenarioLoaderTests {
    static let defaultModelPath = RepositoryFiles.modelsDirectory + "/default.json5"

    @Test func bundledDefaultModelLoadsAsItsCommentsDescribe() throws {
        let loaded = try ScenarioLoader.load(path: Self.defaultModelPath)
        let model = loaded.model
        #expect(model.nginx.version == NginxVersion(1, 22, 1))
        #expect(model.nginx.workerProcesses == 4)
        #expect(model.nginx.workerConnections == 768)
        #expect(model.nginx.upstreams.map(\.name) == ["api"])
        #expect(model.nginx.upstreams[0].cache.settings?.capacity == 32)
        #expect(model.nginx.upstreams[0].cache.settings?.keepaliveTimeout == .seconds(4))
        #expect(model.nginx.locations.map(\.path) == ["/"])
        #expect(model.nginx.locations[0].reuse.isActive, "keepalive is configured properly, so reuse is on")
        #expect(model.nginx.warnings.isEmpty)
        #expect(model.backends.map(\.address) == ["10.0.1.11:3000", "10.0.1.12:3000"])
        #expect(model.backends.allSatisfy { $0.name == "api" && $0.workers == 1 })
        #expect(model.backends[0].keepalive == (try BackendProfile.named("node-20")).policy)
        #expect(model.backends[0].cpuTimeMs == .exponential(mean: 0.5))
        #expect(model.serverBackends == [[0, 1]])
        #expect(model.traffic.source == .openLoop(pattern: .constant(perSecond: 1000), spacing: .poisson))
        #expect(model.traffic.clients == 50)
        #expect(model.traffic.mix.methods.map(\.method) == [.get, .post])
        #expect(model.traffic.mix.methods.map(\.weight) == [9, 1])
        #expect(model.run == RunSpec(duration: .seconds(60), warmup: .seconds(5), seed: 1))
        #expect(model.acceptStrategy == .exclusiveWakeup(burst: 16, wakeOrder: .waitQueue))
    }

    @Test func fingerprintIsTheSHA256OfTheFilesBytes() throws {
        let bytes = Array(RepositoryFiles.text(Self.defaultModelPath).utf8)
        let loaded = try ScenarioLoader.load(path: Self.defaultModelPath)
        #expect(loaded.sha256 == SHA256.hex(bytes))
        #expect(loaded.sha256.count == 64)
        let edited = try ScenarioLoader.load(file: Self.defaultModelPath, bytes: bytes + Array("\n// edited\n".utf8))
        #expect(edited.sha256 != loaded.sha256, "a comment changes the file, so the fingerprint")
        #expect(edited.model == loaded.model)
    }

    @Test(arguments: RepositoryFiles.modelFiles)
    func canonicalTextOfEveryBundledModelReadsBackToTheSameModel(path: String) throws {
        let loaded = try ScenarioLoader.load(path: path)
        let again = try ScenarioLoader.load(file: path, bytes: Array(loaded.canonical.utf8))
        #expect(again.model == loaded.model)
    }

    @Test func bundledModelsAreFound() {
        #expect(RepositoryFiles.modelFiles.contains(Self.defaultModelPath))
    }

    @Test(arguments: ScenarioFixtures.all.map(\.name))
    func canonicalTextReadsBackToTheSameModel(fixture: String) throws {
        let loaded = try ScenarioFixtures.load(ScenarioFixtures.named(fixture))
        let again = try ScenarioFixtures.load(loaded.canonical)
        #expect(again.model == loaded.model)
        // Everything is written in the canonical text, so reading it back leaves nothing to default.
        let marked = again.canonical.split(separator: "\n").filter { $0.hasSuffix("// default") || $0.contains("// default (") }
        #expect(marked.isEmpty, "\(marked)")
    }

    @Test func canonicalTextMarksWhatTheFileDoesNotWrite() throws {
        let text = """
            { nginx: { upstreams: { app: { servers: [{ address: "10.0.0.1:8080", weight: 2 }] } } },
              backends: { app: { profile: "node-20", workers: 2 } },
              run: { seed: 7 } }
            """
        let canonical = try ScenarioFixtures.load(text).canonical
        let lines = canonical.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("weight: 2,"))
        #expect(lines.contains("max_fails: 1, // default"))
        #expect(lines.contains("idle_timeout: \"5s\", // default (profile node-20)"))
        #expect(lines.contains("workers: 2,"))
        #expect(lines.contains("seed: 7,"))
        #expect(lines.contains("duration: \"1m\", // default"))
        #expect(lines.contains("version: \"1.22.1\", // default"))
        // nginx's own defaults, in nginx's words, in the object they apply to.
        #expect(lines.contains("//   keepalive none (no cache before nginx 1.29.7)"))
        #expect(lines.contains("//   proxy_http_version 1.0"))
        // And the warning the configuration deserves.
        #expect(canonical.contains("upstream keepalive is inactive"))
    }

    @Test func oneAddressIsOneBackendInstanceWhicheverUpstreamsListIt() throws {
        let text = """
            {
              nginx: {
                upstreams: {
                  app: { servers: ["10.0.0.1:80", "10.0.0.2:80", "10.0.0.1:80"] },
                  admin: { servers: ["10.0.0.2:80"] },
                },
                locations: { "/": { proxy_pass: "app" }, "/admin/": { proxy_pass: "admin" } },
              },
            }
            """
        let model = try ScenarioFixtures.load(text).model
        #expect(model.backends.map(\.address) == ["10.0.0.1:80", "10.0.0.2:80"])
        #expect(model.serverBackends == [[0, 1, 0], [1]])
    }

    @Test func proxyPassToAnAddressMakesAnImplicitUpstreamWithItsOwnBackend() throws {
        let text = """
            {
              nginx: {
                upstreams: { app: { servers: ["10.0.0.1:80"] } },
                locations: {
                  "/": { proxy_pass: "http://app" },
                  "/legacy/": { proxy_pass: "http://10.0.9.9:8000", backend: "legacy" },
                },
              },
              backends: { app: { profile: "node-20" }, legacy: { profile: "gunicorn-sync" } },
            }
            """
        let model = try ScenarioFixtures.load(text).model
        #expect(model.nginx.upstreams.map(\.name) == ["app", "10.0.9.9:8000"])
        #expect(model.nginx.upstreams[1].isImplicit)
        #expect(model.nginx.locations[0].upstreamIndex == 0, "http://NAME of an upstream block is that block")
        #expect(model.backends.map(\.name) == ["app", "legacy"])
        #expect(model.backends[1].keepalive.alwaysCloses)
        #expect(model.serverBackends == [[0], [1]])
    }

    @Test func serverWithoutBackendTakesTheBackendNamedLikeItsUpstream() throws {
        let text = """
            {
              nginx: {
                upstreams: { api: { servers: ["10.0.0.1:80"] }, web: { servers: ["10.0.0.2:80"] } },
                locations: { "/": { proxy_pass: "web" }, "/api/": { proxy_pass: "api" } },
              },
              backends: { web: { profile: "puma-7" }, api: { profile: "uvicorn" } },
            }
            """
        let model = try ScenarioFixtures.load(text).model
        #expect(model.backends.map(\.name) == ["api", "web"])
    }

    @Test func acceptStrategyFollowsReuseportAndAcceptMutexAsInNginx() throws {
        func strategy(_ nginx: String) throws -> AcceptStrategy {
            try ScenarioFixtures.load("{ nginx: { upstreams: { app: { servers: ['a:1'] } }, \(nginx) } }").model.acceptStrategy
        }
        #expect(try strategy("worker_processes: 2") == .exclusiveWakeup(burst: 16, wakeOrder: .waitQueue))
        #expect(try strategy("accept: { burst: 4, wake_order: 'longest_idle' }") == .exclusiveWakeup(burst: 4, wakeOrder: .longestIdle))
        #expect(try strategy("accept_mutex: true") == .acceptMutex)
        #expect(try strategy("reuseport: true, accept_mutex: true") == .reusePort)
        #expect(try strategy("version: '1.10.0'") == .acceptMutex, "accept_mutex was on by default before 1.11.3")
    }

    @Test func versionNamesSelectTheirDefaults() throws {
        let modern = try ScenarioFixtures.load("{ nginx: { version: 'modern', upstreams: { app: { servers: ['a:1'] } } } }").model
        #expect(modern.nginx.version == .firstModern)
        #expect(modern.nginx.upstreams[0].cache.settings?.capacity == 32)
        #expect(modern.nginx.locations[0].reuse.isActive)
        let classic = try ScenarioFixtures.load("{ nginx: { version: 'classic', upstreams: { app: { servers: ['a:1'] } } } }").model
        #expect(classic.nginx.version == .debianBookworm)
        #expect(classic.nginx.upstreams[0].cache.settings == nil)
    }

    @Test func distributionsKeepTheirFormAndUseMillisecondsInside() throws {
        let text = """
            {
              nginx: { upstreams: { app: { servers: ['a:1'] } } },
              backends: { app: { service: { cpu: "2.5ms", wait: { lognormal: { median: "3ms", p99: "20ms" } } } } },
              traffic: { closed_loop: { connections: 4, think_time: { uniform: { low: "1s", high: "2s" } } },
                         request_bytes: { pareto: { scale: 100, shape: 1.5 } }, response_bytes: 1500 },
            }
            """
        let model = try ScenarioFixtures.load(text).model
        #expect(model.backends[0].cpuTimeMs == .constant(2.5))
        #expect(model.backends[0].waitTimeMs == (try Distribution.lognormal(median: 3, p99: 20)))
        #expect(model.traffic.source == .closedLoop(connections: 4, thinkTimeMs: .uniform(low: 1000, high: 2000)))
        #expect(model.traffic.mix.requestBytes == .pareto(scale: 100, shape: 1.5))
        #expect(model.traffic.mix.responseBytes == .constant(1500))
    }

    @Test func rateSourcesReadIntoRatePatterns() throws {
        func source(_ traffic: String) throws -> TrafficSource {
            try ScenarioFixtures.load("{ nginx: { upstreams: { app: { servers: ['a:1'] } } }, traffic: { \(traffic) } }").model.traffic.source
        }
        #expect(try source("") == .openLoop(pattern: .constant(perSecond: 100), spacing: .poisson))
        #expect(try source("rate: 50, spacing: 'even'") == .openLoop(pattern: .constant(perSecond: 50), spacing: .evenlySpaced))
        #expect(try source("pattern: { steps: [{ duration: '10s', rate: 5 }, { duration: '1m', rate: 0 }] }")
                == .openLoop(pattern: .steps([.init(duration: .seconds(10), perSecond: 5), .init(duration: .seconds(60), perSecond: 0)]),
                             spacing: .poisson))
        #expect(try source("pattern: { bursty: { base_rate: 1, burst_rate: 9, burst_length: '1s', period: '1m' } }")
                == .openLoop(pattern: .bursty(baseRate: 1, burstRate: 9, burstLength: .seconds(1), period: .seconds(60)), spacing: .poisson))
        #expect(try source("pattern: { diurnal: { mean_rate: 10 } }")
                == .openLoop(pattern: .diurnal(meanRate: 10, amplitude: 0.5, period: .hours(24), phaseRadians: 0), spacing: .poisson))
        #expect(try source("pages: { rate: 2, requests_per_page: 30 }")
                == .pages(pattern: .constant(perSecond: 2), spacing: .poisson, requestsPerPage: 30))
    }

    @Test func locationWeightsFollowNginxsLocationOrderWithZeroForUnlisted() throws {
        let text = """
            { nginx: { upstreams: { app: { servers: ['a:1'] } },
                       locations: { "/": { proxy_pass: "app" }, "/a/": { proxy_pass: "app" }, "/b/": { proxy_pass: "app" } } },
              traffic: { locations: { "/b/": 3, "/": 1 } } }
            """
        #expect(try ScenarioFixtures.load(text).model.traffic.locationWeights == [1, 0, 3])
        let unweighted = try ScenarioFixtures.load(ScenarioFixtures.minimal).model
        #expect(unweighted.traffic.locationWeights.isEmpty, "no weights: every request to the first location")
    }

    @Test func traceIsFoundNextToTheModelFile() throws {
        let loaded = try TraceFixture.load()
        guard case .trace(let path) = loaded.model.traffic.source else {
            Issue.record("expected a trace source, got \(loaded.model.traffic.source)")
            return
        }
        #expect(path.hasSuffix("/trace.csv"))
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(loaded.canonical.contains("file: \"trace.csv\""), "the canonical text keeps the path as written")
        #expect(loaded.canonical.contains("speed: 1"), "and shows the speed that applies")
    }

    @Test func backendOverridesReplaceOnlyWhatTheyName() throws {
        let text = """
            { nginx: { upstreams: { app: { servers: ['a:1'] } } },
              backends: { app: { profile: "node-20", idle_timeout: "30s", max_requests: 100, close_style: "rst" } } }
            """
        let policy = try ScenarioFixtures.load(text).model.backends[0].keepalive
        #expect(policy.idleTimeout == .seconds(30))
        #expect(policy.idleCloseDelay == .seconds(1), "node-20's extra second stays")
        #expect(policy.maxRequestsPerConnection == 100)
        #expect(policy.closeStyle == .rst)
        let none = try ScenarioFixtures.load("{ nginx: { upstreams: { app: { servers: ['a:1'] } } }, backends: { app: { profile: 'node-20', idle_timeout: 'none' } } }")
        #expect(none.model.backends[0].keepalive.idleTimeout == nil)
    }

    @Test func versionLikeValuesMayBeWrittenAsNumbersAndReadAsWritten() throws {
        let text = """
            { nginx: { version: 1.22, upstreams: { app: { servers: ['a:1'] } }, locations: { "/": { proxy_http_version: 1.0 } } },
              network: { proxy_backend: { tls: 1.3 } } }
            """
        let model = try ScenarioFixtures.load(text).model
        #expect(model.nginx.version == NginxVersion(1, 22, 0))
        #expect(model.nginx.locations[0].proxyHTTPVersion == .http10)
        #expect(model.network.proxyToBackend.tls == .tls13)
    }

    @Test func unreadableFileIsOneDiagnosticWithTheSystemsReason() {
        #expect(throws: Diagnostics.self) { try ScenarioLoader.load(path: "models/does-not-exist.json5") }
        do {
            _ = try ScenarioLoader.load(path: "models/does-not-exist.json5")
        } catch {
            #expect(error.description == "models/does-not-exist.json5: cannot read the file: No such file or directory")
        }
    }
}
