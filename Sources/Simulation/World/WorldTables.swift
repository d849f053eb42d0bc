import ProxyModel
import Randomness
import Scenario
import Traffic

/// The model's facts that the hot path reads, flattened once into arrays of
/// plain values. Reading `model.backends[b]` would copy a struct holding
/// strings and arrays on every event (reference counting, uniqueness
/// checks); these tables hold only what the handlers need.
///
/// Only the world's own facts: nginx's live in `NginxWorkerPlan` (ProxyModel).
struct WorldTables {
    // Per upstream server, flattened: index = serverOffset[u] + server.
    let serverOffset: [Int]
    let backendOfServer: [Int32]
    let upstreamCount: Int

    // Per backend instance.
    let backendWorkers: [Int]
    let backendKeepalive: [BackendKeepalivePolicy]
    let backendCPUMs: [Distribution]
    let backendWaitMs: [Distribution]
    let backendWaitHoldsWorker: [Bool]
    let backendEventLoop: [BackendEventLoop]
    let backendErrorRate: [Double]
    let backendFinWithResponse: [Bool]
    /// CPU charged before a connection's first request: the application's
    /// `accept_cpu` and the server's own per connection.
    let backendAcceptCPU: [TimeSpan]
    /// The server's own CPU per request, added to each request's CPU part.
    let backendServerRequestCPU: [TimeSpan]
    let backendTLSCPU: [TimeSpan]
    let backendClosesWithRST: [Bool]
    /// What each backend's accept queue holds (`ListenBacklog.acceptQueueCapacity`).
    let backendAcceptQueueCapacity: [Int]

    // Traffic.
    let methods: [HTTPMethod]
    let methodWeights: [Double]
    let methodWeightTotal: Double
    let requestBytes: Distribution
    let responseBytes: Distribution
    let locationWeights: [Double]
    let locationWeightTotal: Double
    let connectionsPerClient: Int32
    let clientsClose: Bool
    let requestsPerArrival: Int
    let thinkTimeMs: Distribution?
    /// A closed loop's load-generator CPU per request (`ClosedLoopClient`).
    let loadGeneratorCPU: TimeSpan

    // Hosts (`HostSpec`): the index in `World.hosts` each process runs on, or -1 (a machine of its own).
    let nginxHost: Int
    let loadGeneratorHost: Int
    let backendHost: [Int]
    /// The request URIs' hash keys and weights (`traffic.uris`).
    let uris: [HashKey]
    let uriWeights: [Double]
    let uriWeightTotal: Double

    // Network.
    let clientLink: LinkSpec
    let backendLink: LinkSpec

    init(_ model: ScenarioModel) {
        let nginx = model.nginx
        let traffic = model.traffic
        uris = traffic.uris.map { HashKey($0) }
        uriWeights = traffic.uriWeights
        uriWeightTotal = traffic.uriWeights.reduce(0, +)
        var offsets: [Int] = []
        var backendsOfServers: [Int32] = []
        for u in nginx.upstreams.indices {
            offsets.append(backendsOfServers.count)
            backendsOfServers.append(contentsOf: model.serverBackends[u].map { Int32($0) })
        }
        serverOffset = offsets
        backendOfServer = backendsOfServers
        upstreamCount = nginx.upstreams.count

        backendWorkers = model.backends.map(\.workers)
        backendKeepalive = model.backends.map(\.keepalive)
        backendCPUMs = model.backends.map(\.cpuTimeMs)
        backendWaitMs = model.backends.map(\.waitTimeMs)
        backendWaitHoldsWorker = model.backends.map(\.waitHoldsWorker)
        backendEventLoop = model.backends.map(\.eventLoop)
        backendErrorRate = model.backends.map(\.errorRate)
        backendFinWithResponse = model.backends.map(\.finWithResponse)
        backendAcceptCPU = model.backends.map { $0.acceptCPU + $0.serverCPU.perConnection }
        backendServerRequestCPU = model.backends.map(\.serverCPU.perRequest)
        backendTLSCPU = model.backends.map(\.tlsHandshakeCPU)
        backendClosesWithRST = model.backends.map { $0.keepalive.closeStyle == .rst }
        backendAcceptQueueCapacity = model.backends.map { $0.listenBacklog.acceptQueueCapacity(somaxconn: model.network.somaxconn) }

        methods = traffic.mix.methods.map(\.method)
        methodWeights = traffic.mix.methods.map(\.weight)
        methodWeightTotal = methodWeights.reduce(0, +)
        requestBytes = traffic.mix.requestBytes
        responseBytes = traffic.mix.responseBytes
        locationWeights = traffic.locationWeights
        locationWeightTotal = traffic.locationWeights.reduce(0, +)
        connectionsPerClient = Int32(traffic.connectionsPerClient)
        clientsClose = traffic.clientsCloseConnections
        if case .pages(_, _, let perPage) = traffic.source { requestsPerArrival = perPage } else { requestsPerArrival = 1 }
        if case .closedLoop(_, let think) = traffic.source { thinkTimeMs = think } else { thinkTimeMs = nil }
        loadGeneratorCPU = traffic.closedLoopClient.cpuPerRequest
        nginxHost = model.hosts.firstIndex(where: \.runsNginx) ?? -1
        loadGeneratorHost = model.hosts.firstIndex(where: \.runsLoadGenerator) ?? -1
        backendHost = model.backends.map { backend in model.hosts.firstIndex { $0.backends.contains(backend.name) } ?? -1 }

        clientLink = model.network.clientToProxy
        backendLink = model.network.proxyToBackend
    }

    @inline(__always) func serverIndex(upstream u: Int, server: Int) -> Int { serverOffset[u] + server }

    /// A URI drawn by weight; no draw when there is one URI.
    @inline(__always)
    func drawURI(using random: inout RandomStream) -> Int32 {
        Int32(WeightedDraw.index(weights: uriWeights, total: uriWeightTotal, using: &random))
    }

    /// A method drawn by weight (one uniform draw when there is a choice).
    @inline(__always)
    func drawMethod(using random: inout RandomStream) -> HTTPMethod {
        if methods.count == 1 { return methods[0] }
        var x = random.nextUnitInterval() * methodWeightTotal
        for (i, weight) in methodWeights.enumerated() {
            if x < weight { return methods[i] }
            x -= weight
        }
        return methods[methods.count - 1]
    }
}

