import ProxyModel
import Traffic

/// The `traffic` section.
struct TrafficDefinition {
    enum Source {
        /// `rate` or `pattern`.
        case openLoop(RatePattern)
        /// `trace`: the path as written and as resolved against the model file's directory,
        /// the replay speed (`trace.speed`; nil when the trace is written as a plain string), and
        /// how many clients it names (its largest client number + 1; nil if unknown).
        case trace(written: String, resolved: String, speed: Double?, clients: Int?)
        /// `closed_loop`.
        case closedLoop(connections: Int, thinkTime: DistributionDefinition, client: ClosedLoopClient)
        /// `pages`.
        case pages(RatePattern, requestsPerPage: Int, hosts: Int)
    }

    var source: Source
    var spacing: ArrivalGenerator.Spacing
    var clients: Int
    var connectionsPerClient: Int
    var methods: [(method: HTTPMethod, weight: Double)]
    var requestBytes: DistributionDefinition
    var responseBytes: DistributionDefinition
    /// `locations`: weights by location path, as written (empty: all to the first location).
    var locationWeights: [(path: String, weight: Double)]
    var clientsCloseConnections: Bool
    /// `uris`: request URIs by weight, as written (empty: every request is `/`).
    var uris: [(uri: String, weight: Double)] = []
    /// `client_addresses`.
    var clientAddresses: IPv4Network = .modelDefault
    /// `client_protocol`.
    var clientProtocol = ClientProtocol.http11
}

extension TrafficDefinition.Source {
    /// The clients a trace names; nil for other sources.
    var traceClients: Int? {
        if case .trace(_, _, _, let clients) = self { return clients }
        return nil
    }
}
