import ProxyModel
import Traffic

/// The `traffic` section.
struct TrafficDefinition {
    enum Source {
        /// `rate` or `pattern`.
        case openLoop(RatePattern)
        /// `trace`: the path as written and as resolved against the model file's directory.
        case trace(written: String, resolved: String)
        /// `closed_loop`.
        case closedLoop(connections: Int, thinkTime: DistributionDefinition, client: ClosedLoopClient)
        /// `pages`.
        case pages(RatePattern, requestsPerPage: Int)
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
}
