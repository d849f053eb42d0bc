import ProxyModel
import Randomness
import Scenario
import Traffic

/// The model's facts that the hot path reads, flattened once into arrays of
/// plain values. Reading `model.backends[b]` would copy a struct holding
/// strings and arrays on every event (reference counting, uniqueness
/// checks); these tables hold only what the handlers need.
struct WorldTables {
    // Per location.
    let upstreamOfLocation: [Int]
    let readTimeout: [TimeSpan]
    /// Requests to the backend ask it to close (HTTP/1.0 or `Connection: close`).
    let asksBackendToClose: [Bool]
    let retryPolicies: [NextUpstreamPolicy]
    /// What the location's upstream balances on (`hash`, `ip_hash`), or nothing.
    let balancingKeys: [BalancingKeySource]

    // Per upstream server, flattened: index = serverOffset[u] + server.
    let serverOffset: [Int]
    let addressKey: [Int32]
    let backendOfServer: [Int32]
    let upstreamCount: Int

    // Per backend instance.
    let backendWorkers: [Int]
    let backendKeepalive: [BackendKeepalivePolicy]
    let backendCPUMs: [Distribution]
    let backendWaitMs: [Distribution]
    let backendWaitHoldsWorker: [Bool]
    let backendErrorRate: [Double]
    let backendFinWithResponse: [Bool]
    let backendAcceptCPU: [TimeSpan]
    let backendTLSCPU: [TimeSpan]
    let backendClosesWithRST: [Bool]

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
    /// The request URIs' hash keys and weights (`traffic.uris`).
    let uris: [HashKey]
    let uriWeights: [Double]
    let uriWeightTotal: Double

    // nginx, client side.
    let client: ClientKeepalivePolicy
    let clientLink: LinkSpec
    let backendLink: LinkSpec

    init(_ model: ScenarioModel) {
        let nginx = model.nginx
        let traffic = model.traffic
        upstreamOfLocation = nginx.locations.map(\.upstreamIndex)
        readTimeout = nginx.locations.map(\.proxyReadTimeout)
        asksBackendToClose = nginx.locations.map {
            $0.proxyHTTPVersion == .http10 || $0.connectionHeader.valueForPlainRequests == .close
        }
        balancingKeys = nginx.locations.map { location in
            let upstream = nginx.upstreams[location.upstreamIndex]
            switch (upstream.balancing, upstream.hashKey) {
            case (.ipHash, _): return .clientIPv4
            case (.hash, .requestURI?): return .requestURI
            case (.hash, .remoteAddress?): return .clientAddressText
            default: return .none
            }
        }
        uris = traffic.uris.map { HashKey($0) }
        uriWeights = traffic.uriWeights
        uriWeightTotal = traffic.uriWeights.reduce(0, +)
        retryPolicies = nginx.locations.map { location in
            NextUpstreamPolicy(conditions: location.proxyNextUpstream, maxTries: location.proxyNextUpstreamTries,
                               timeout: location.proxyNextUpstreamTimeout, requestBuffering: location.proxyRequestBuffering,
                               rules: .init(version: nginx.version))
        }
        var offsets: [Int] = []
        var keys: [Int32] = []
        var backendsOfServers: [Int32] = []
        for (u, upstream) in nginx.upstreams.enumerated() {
            offsets.append(keys.count)
            keys.append(contentsOf: upstream.addressKeys)
            backendsOfServers.append(contentsOf: model.serverBackends[u].map { Int32($0) })
        }
        serverOffset = offsets
        addressKey = keys
        backendOfServer = backendsOfServers
        upstreamCount = nginx.upstreams.count

        backendWorkers = model.backends.map(\.workers)
        backendKeepalive = model.backends.map(\.keepalive)
        backendCPUMs = model.backends.map(\.cpuTimeMs)
        backendWaitMs = model.backends.map(\.waitTimeMs)
        backendWaitHoldsWorker = model.backends.map(\.waitHoldsWorker)
        backendErrorRate = model.backends.map(\.errorRate)
        backendFinWithResponse = model.backends.map(\.finWithResponse)
        backendAcceptCPU = model.backends.map(\.acceptCPU)
        backendTLSCPU = model.backends.map(\.tlsHandshakeCPU)
        backendClosesWithRST = model.backends.map { $0.keepalive.closeStyle == .rst }

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

        client = nginx.client
        clientLink = model.network.clientToProxy
        backendLink = model.network.proxyToBackend
    }

    @inline(__always) func serverIndex(upstream u: Int, server: Int) -> Int { serverOffset[u] + server }

    /// A URI drawn by weight; no draw when there is one URI.
    @inline(__always)
    func drawURI(using random: inout RandomStream) -> Int32 {
        if uris.count == 1 { return 0 }
        var x = random.nextUnitInterval() * uriWeightTotal
        for (i, weight) in uriWeights.enumerated() {
            if x < weight { return Int32(i) }
            x -= weight
        }
        return Int32(uris.count - 1)
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

/// Which request fact a location's balancer hashes.
enum BalancingKeySource {
    /// Round robin, least_conn: nothing.
    case none
    /// `ip_hash`: the client's IPv4 address.
    case clientIPv4
    /// `hash $request_uri`.
    case requestURI
    /// `hash $remote_addr`: the client's address as text.
    case clientAddressText
}
