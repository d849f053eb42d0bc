import ProxyModel
import Randomness
import Scenario
import Traffic

/// Scenarios built in code for the simulator's tests: one upstream of
/// `servers` backends behind one location, Poisson arrivals.
enum TestScenarios {
    struct Options {
        var version = NginxVersion.firstModern
        var workers = 1
        var workerConnections = 4096
        var keepalive: Int? = 32
        var upstreamKeepaliveTimeout: TimeSpan? = nil
        var proxyHTTPVersion: HTTPVersion? = nil
        var connectionHeader: UpstreamConnectionHeader? = nil
        var servers = 1
        var backendPolicy = BackendKeepalivePolicy(idleTimeout: .seconds(65), idleCloseDelay: .seconds(1))
        var backendWorkers = 8
        var backendEventLoop = BackendEventLoop.exactTimers
        var backendListenBacklog = ListenBacklog.somaxconn
        var proxyListenBacklog = ListenBacklog.nginxDefault
        var connectTimeout: TimeSpan? = nil
        var clientsClose = false
        var cpuMs: Distribution = .constant(1)
        var waitMs: Distribution = .constant(0)
        var rate = 100.0
        var spacing = ArrivalGenerator.Spacing.poisson
        var clients = 50
        var connectionsPerClient = 1
        var methods: [(method: HTTPMethod, weight: Double)] = [(.get, 1)]
        var nextUpstream: NextUpstreamConditions? = nil
        var readTimeout: TimeSpan? = nil
        var duration = TimeSpan.seconds(60)
        var warmup = TimeSpan.seconds(5)
        var seed: UInt64 = 1
        var proxyToBackend = LinkSpec(oneWay: .microseconds(250))
        var clientToProxy = LinkSpec(oneWay: .microseconds(250))
        var proxyCosts = ProxyCPUCosts()
        var source: TrafficSource? = nil
    }

    static func model(_ o: Options) throws -> ScenarioModel {
        let servers = (0..<o.servers).map { UpstreamServer(address: "10.0.0.\($0 + 1):8080") }
        let config = NginxConfiguration(
            version: o.version, workerProcesses: o.workers, workerConnections: o.workerConnections,
            upstreams: [UpstreamBlock(name: "app", servers: servers,
                                      keepalive: o.keepalive.map { UpstreamKeepaliveDirective(connections: $0) },
                                      keepaliveTimeout: o.upstreamKeepaliveTimeout)],
            locations: [ProxyLocation(path: "/", proxyPass: .upstream("app"), proxyHTTPVersion: o.proxyHTTPVersion,
                                      connectionHeader: o.connectionHeader, proxyNextUpstream: o.nextUpstream,
                                      proxyConnectTimeout: o.connectTimeout, proxyReadTimeout: o.readTimeout)])
        let nginx = try config.resolved()
        let backends = servers.map {
            BackendSpec(name: "app", address: $0.address, keepalive: o.backendPolicy, workers: o.backendWorkers,
                        cpuTimeMs: o.cpuMs, waitTimeMs: o.waitMs, eventLoop: o.backendEventLoop, listenBacklog: o.backendListenBacklog)
        }
        var model = ScenarioModel(
            nginx: nginx, proxyCosts: o.proxyCosts, backends: backends, serverBackends: [Array(0..<o.servers)],
            network: NetworkSpec(clientToProxy: o.clientToProxy, proxyToBackend: o.proxyToBackend),
            traffic: TrafficSpec(source: o.source ?? .openLoop(pattern: .constant(perSecond: o.rate), spacing: o.spacing),
                                 clients: o.clients, connectionsPerClient: o.connectionsPerClient,
                                 mix: RequestMix(methods: o.methods), clientsCloseConnections: o.clientsClose),
            run: RunSpec(duration: o.duration, warmup: o.warmup, seed: o.seed))
        model.proxyListenBacklog = o.proxyListenBacklog
        return model
    }
}
