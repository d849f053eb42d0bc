import ProxyModel
import Randomness
import Scenario
import Traffic

/// The fixed large scenario of `bench model` (issue 4, "Performance"): 10,000
/// requests/s of Poisson arrivals through 4 nginx workers with `keepalive 32`
/// to 4 backends. Built in code so that the benchmark measures the simulator,
/// not a model file that may change.
enum BenchmarkScenario {
    static let requestsPerSecond = 10_000.0
    static let workers = 4
    static let keepalive = 32
    static let backends = 4

    /// The scenario running for `duration` of virtual time. No warm-up, so that
    /// the report counts every simulated request.
    static func model(duration: TimeSpan, seed: UInt64) throws -> ScenarioModel {
        let servers = (0..<backends).map { UpstreamServer(address: "10.0.0.\($0 + 1):8080") }
        let configuration = NginxConfiguration(
            version: .firstModern, workerProcesses: workers, workerConnections: 4096,
            upstreams: [UpstreamBlock(name: "app", servers: servers,
                                      keepalive: UpstreamKeepaliveDirective(connections: keepalive))],
            locations: [ProxyLocation(path: "/", proxyPass: .upstream("app"))])
        let nginx = try configuration.resolved()
        // A Node.js-style backend (keepAliveTimeout 5 s, closing 1 s later) with
        // 16 workers at 1 ms of CPU and 1 ms of waiting per request: about 16% busy.
        let backendSpecs = servers.map {
            BackendSpec(name: "app", address: $0.address,
                        keepalive: BackendKeepalivePolicy(idleTimeout: .seconds(5), idleCloseDelay: .seconds(1)),
                        workers: 16, cpuTimeMs: .exponential(mean: 1), waitTimeMs: .exponential(mean: 1))
        }
        return ScenarioModel(
            nginx: nginx, backends: backendSpecs, serverBackends: [Array(0..<backends)],
            network: NetworkSpec(clientToProxy: LinkSpec(oneWay: .microseconds(250)),
                                 proxyToBackend: LinkSpec(oneWay: .microseconds(250))),
            traffic: TrafficSpec(source: .openLoop(pattern: .constant(perSecond: requestsPerSecond), spacing: .poisson),
                                 clients: 1000, connectionsPerClient: 1),
            run: RunSpec(duration: duration, warmup: .zero, seed: seed))
    }
}
