import ProxyModel
import Randomness

/// A model's open-loop arrivals as trace records (`trace generate`): the
/// same generators and the same named random streams as the simulator
/// ("arrivals", "clients", "mix", "uris", "client-addresses"), one record
/// at a time. A page is `requestsPerArrival` records at one instant, dealt
/// over its browser's hosts (client `browser * hosts + call % hosts`).
public struct TraceGenerator: Sendable {
    public struct Parameters: Sendable {
        public var pattern: RatePattern
        public var spacing: ArrivalGenerator.Spacing
        public var requestsPerArrival: Int
        public var hosts: Int
        /// Browsers (or calling services).
        public var clients: Int
        public var mix: RequestMix
        public var uris: [String]
        public var uriWeights: [Double]
        public var clientAddresses: IPv4Network
        /// Arrivals at or after this are left out.
        public var end: Instant

        public init(pattern: RatePattern, spacing: ArrivalGenerator.Spacing, requestsPerArrival: Int = 1, hosts: Int = 1, clients: Int,
                    mix: RequestMix, uris: [String] = ["/"], uriWeights: [Double] = [1], clientAddresses: IPv4Network = .modelDefault,
                    end: Instant) {
            self.pattern = pattern; self.spacing = spacing; self.requestsPerArrival = max(1, requestsPerArrival)
            self.hosts = max(1, hosts); self.clients = max(1, clients); self.mix = mix; self.uris = uris; self.uriWeights = uriWeights
            self.clientAddresses = clientAddresses; self.end = end
        }
    }

    public let parameters: Parameters
    var arrivals: ArrivalGenerator
    var clientChoice: RandomStream, mixRandom: RandomStream, uriRandom: RandomStream
    let addresses: [UInt32]
    let uriWeightTotal: Double
    /// The page in progress: its instant, browser and the calls left.
    var pageTime = Instant.zero, browser: Int32 = 0, call = 0

    public init(_ parameters: Parameters, seeds: SeedSequence) {
        self.parameters = parameters
        arrivals = ArrivalGenerator(pattern: parameters.pattern, spacing: parameters.spacing, random: seeds.stream(named: "arrivals"))
        clientChoice = seeds.stream(named: "clients")
        mixRandom = seeds.stream(named: "mix")
        uriRandom = seeds.stream(named: "uris")
        var addressRandom = seeds.stream(named: "client-addresses")
        addresses = (0..<parameters.clients).map { _ in parameters.clientAddresses.host(addressRandom.next()) }
        uriWeightTotal = parameters.uriWeights.reduce(0, +)
        call = parameters.requestsPerArrival
    }

    /// Whether records name their URI (the model has more than the one default `/`).
    public var writesURIs: Bool { parameters.uris != ["/"] }

    public mutating func next() -> TraceRecord? {
        if call == parameters.requestsPerArrival {
            guard let time = arrivals.next(), time < parameters.end else { return nil }
            pageTime = time
            browser = Int32(clientChoice.next(below: UInt64(parameters.clients)))
            call = 0
        }
        let hosts = Int32(parameters.hosts)
        let client = browser * hosts + Int32(call % parameters.hosts)
        call += 1
        let method = parameters.mix.drawMethod(using: &mixRandom)
        let requestBytes = RequestMix.drawBytes(parameters.mix.requestBytes, using: &mixRandom)
        let responseBytes = RequestMix.drawBytes(parameters.mix.responseBytes, using: &mixRandom)
        return TraceRecord(time: pageTime, client: client, method: method, requestBytes: requestBytes, responseBytes: responseBytes,
                           uri: writesURIs ? drawURI() : nil, clientAddress: addresses[Int(browser)])
    }

    mutating func drawURI() -> String {
        let uris = parameters.uris
        guard !uris.isEmpty, uris.count == parameters.uriWeights.count else { return uris.first ?? "/" }
        return uris[WeightedDraw.index(weights: parameters.uriWeights, total: uriWeightTotal, using: &uriRandom)]
    }
}
