import ProxyModel
import Randomness
import Traffic

/// The `ScenarioModel` a definition stands for.
extension ScenarioDefinition {
    /// nginx with its version's defaults applied; nil after reporting
    /// ProxyModel's problems with it at the fields that wrote them.
    func resolveNginx(sites: DirectiveSites, fallback: ReportSite) -> EffectiveConfiguration? {
        do {
            let effective = try nginx.configuration.resolved()
            let problems = http2UpstreamProblems(effective)
            for problem in problems { sites.report(problem, fallback: fallback) }
            return problems.isEmpty ? effective : nil
        } catch {
            for problem in error.problems { sites.report(problem, fallback: fallback) }
            return nil
        }
    }

    /// The model; call only when reading reported nothing (the definition then holds no stand-ins).
    func model(nginx effective: EffectiveConfiguration) -> ScenarioModel {
        let (backendSpecs, serverBackends) = backendInstances(effective)
        var model = ScenarioModel(
            nginx: effective, proxyCosts: nginx.costs, acceptStrategy: acceptStrategy(effective),
            backends: backendSpecs, serverBackends: serverBackends, network: network,
            traffic: trafficSpec(locations: effective.locations), run: run)
        model.samePassOrder = nginx.samePassOrder
        model.hosts = hosts
        if let backlog = nginx.listenBacklog { model.proxyListenBacklog = .connections(backlog) }
        return model
    }

    /// nginx-semantics.md section 6: `listen ... reuseport` gives each worker its
    /// own socket (and bypasses the accept mutex); otherwise `accept_mutex`; otherwise
    /// every worker waits on the shared listener with EPOLLEXCLUSIVE.
    private func acceptStrategy(_ effective: EffectiveConfiguration) -> AcceptStrategy {
        if effective.reuseport { return .reusePort }
        if effective.acceptMutex { return .acceptMutex }
        return .exclusiveWakeup(burst: nginx.acceptBurst, wakeOrder: nginx.wakeOrder)
    }

    /// One backend instance per distinct server address, in order of first
    /// appearance (upstreams in order, then the implicit upstreams of `proxy_pass`
    /// to an address), and for each upstream's servers the instance behind them.
    private func backendInstances(_ effective: EffectiveConfiguration) -> (backends: [BackendSpec], serverBackends: [[Int]]) {
        var instances: [BackendSpec] = []
        var instanceOfAddress: [String: Int] = [:]  // looked up only
        var serverBackends: [[Int]] = []
        for (u, upstream) in effective.upstreams.enumerated() {
            serverBackends.append(upstream.servers.enumerated().map { s, server in
                if let known = instanceOfAddress[server.address] { return known }
                let name = upstream.isImplicit ? backendOfImplicitUpstream(upstream.name) : nginx.serverBackends[u][s]
                instances.append(backendSpec(named: name, address: server.address))
                instanceOfAddress[server.address] = instances.count - 1
                return instances.count - 1
            })
        }
        return (instances, serverBackends)
    }

    func backendOfImplicitUpstream(_ address: String) -> String {
        let location = nginx.configuration.locations.firstIndex { $0.proxyPass == .address(address) }
        return location.flatMap { nginx.locationBackends[$0] } ?? backends[0].name
    }

    private func backendSpec(named name: String, address: String) -> BackendSpec {
        let definition = backends.first { $0.name == name } ?? backends[0]
        var spec = BackendSpec(
            name: definition.name, address: address, keepalive: definition.keepalive, workers: definition.workers,
            cpuTimeMs: definition.cpu.checkedDistribution, waitTimeMs: definition.wait.checkedDistribution,
            waitHoldsWorker: definition.waitHoldsWorker, acceptCPU: definition.acceptCPU,
            tlsHandshakeCPU: definition.tlsHandshakeCPU, finWithResponse: definition.finWithResponse,
            errorRate: definition.errorRate, eventLoop: definition.eventLoop, listenBacklog: definition.listenBacklog)
        spec.serverCPU = definition.serverCPU
        return spec
    }

    private func trafficSpec(locations: [EffectiveLocation]) -> TrafficSpec {
        let source: TrafficSource
        var hostsPerPage = 1, traceSpeed = 1.0
        var closedLoopClient = ClosedLoopClient()
        switch traffic.source {
        case .openLoop(let pattern): source = .openLoop(pattern: pattern, spacing: traffic.spacing)
        case .trace(_, let resolved, let speed, _):
            source = .trace(path: resolved)
            traceSpeed = speed ?? 1
        case .closedLoop(let connections, let thinkTime, let client):
            source = .closedLoop(connections: connections, thinkTimeMs: thinkTime.checkedDistribution)
            closedLoopClient = client
        case .pages(let pattern, let requestsPerPage, let hosts):
            source = .pages(pattern: pattern, spacing: traffic.spacing, requestsPerPage: requestsPerPage)
            hostsPerPage = hosts
        }
        // Written weights, one per location in nginx's order (unlisted: 0); none written: all to the first.
        let weights = traffic.locationWeights.isEmpty ? [] : locations.map { location in
            traffic.locationWeights.first { $0.path == location.path }?.weight ?? 0
        }
        var spec = TrafficSpec(
            source: source, clients: traffic.clients, connectionsPerClient: traffic.connectionsPerClient,
            mix: RequestMix(methods: traffic.methods, requestBytes: traffic.requestBytes.checkedDistribution,
                            responseBytes: traffic.responseBytes.checkedDistribution),
            locationWeights: weights, clientsCloseConnections: traffic.clientsCloseConnections,
            uris: traffic.uris.isEmpty ? ["/"] : traffic.uris.map(\.uri),
            uriWeights: traffic.uris.isEmpty ? [1] : traffic.uris.map(\.weight),
            clientAddresses: traffic.clientAddresses, hostsPerPage: hostsPerPage, traceSpeed: traceSpeed)
        spec.closedLoopClient = closedLoopClient
        spec.clientProtocol = traffic.clientProtocol
        return spec
    }
}

extension DistributionDefinition {
    /// The sampling form of a definition whose parameters reading already checked.
    var checkedDistribution: Distribution {
        (try? distribution()) ?? .constant(0)
    }
}
