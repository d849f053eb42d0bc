import Measurement
import ProxyModel
import Randomness
import Traffic

/// Sends the model's traffic through real sockets and measures it: the
/// arrival instants and the request mix come from Traffic's generators with
/// the simulator's stream names, so the same seed intends the same requests at
/// the same offsets as `simulate`. Latency is measured from the intended send
/// (coordinated-omission free) and from the actual send, into Measurement's
/// `LatencyHistogram`. Runs on one event loop; `start()`, then run the loop
/// until `isFinished`. Connection bookkeeping: `LoadGenerator+Connections.swift`.
public final class LoadGenerator: ConnectionDelegate {
    /// A request the traffic intends: when, and what.
    struct Request {
        var intended: Instant
        var method: HTTPMethod
        var requestBytes: Int
        var responseBytes: Int
        /// The trace's URI (the configuration's path when nil).
        var uri: String? = nil
    }

    /// One client: its connections and the requests waiting for one.
    struct Client {
        var idle: [GeneratorConnection] = []
        var open = 0
        var waiting: [Request] = []
        var waitingHead = 0
    }

    public let configuration: LoadGeneratorConfiguration
    public internal(set) var result = LoadGeneratorResult()
    /// Called once, on the loop, when every intended request has ended.
    public var onFinished: (() -> Void)?
    unowned let loop: EventLoop
    let host: String
    var clients: [Client]
    let connectionsPerClient: Int
    var startedAt = Instant.zero
    var arrivals: ArrivalGenerator?
    var trace: TraceFileReader?
    var clientRandom: RandomStream
    var mixRandom: RandomStream
    var thinkRandom: RandomStream
    /// Requests intended and not yet ended (queued, connecting, or in flight).
    var outstanding = 0
    var issuingDone = false
    public private(set) var isFinished = false
    /// Connections by slot (`SocketConnection.tag`).
    var connections: [GeneratorConnection?] = []
    var freeSlots: [Int] = []

    public init(configuration: LoadGeneratorConfiguration, loop: EventLoop) throws {
        self.configuration = try configuration.validated()
        self.loop = loop
        host = configuration.target.description
        let seeds = SeedSequence(masterSeed: configuration.seed, replication: configuration.replication)
        clientRandom = seeds.stream(named: "clients")
        mixRandom = seeds.stream(named: "mix")
        thinkRandom = seeds.stream(named: "think")
        switch configuration.pacing {
        case .openLoop(let pattern, let spacing, let clients, let perClient):
            arrivals = ArrivalGenerator(pattern: pattern, spacing: spacing, random: seeds.stream(named: "arrivals"))
            self.clients = Array(repeating: Client(), count: clients)
            connectionsPerClient = perClient
        case .closedLoop(let connections, _, _):
            clients = Array(repeating: Client(), count: connections)
            connectionsPerClient = 1
        case .trace(let path, let speed, let clients, let perClient):
            // A missing or malformed header fails here, naming the file and line.
            trace = try TraceFileReader(path: path, speed: speed)
            self.clients = Array(repeating: Client(), count: clients)
            connectionsPerClient = perClient
        }
    }

    /// Starts the traffic now (time zero of the model's schedule).
    public func start() {
        startedAt = loop.now
        switch configuration.pacing {
        case .openLoop, .trace:
            scheduleNextArrival()
        case .closedLoop(let connections, _, let spread):
            for client in 0..<connections {
                // As the simulator does: a uniformly random start within the spread, from "think".
                let offset = spread > .zero ? TimeSpan(nanoseconds: Int64(thinkRandom.next(below: UInt64(spread.nanoseconds)))) : .zero
                loop.schedule(at: startedAt + offset) { [unowned self] in issueClosedLoopTurn(client: client) }
            }
            if connections == 0 { issuingDone = true }
        }
        finishIfDone()
    }

    // MARK: Issuing

    private func scheduleNextArrival() {
        guard result.requestsIntended + pendingArrival < configuration.requests,
              let (offset, record) = nextArrival(), offset < Instant.zero + configuration.duration else {
            issuingDone = true
            return
        }
        let intended = startedAt.addingSaturating(TimeSpan(nanoseconds: offset.nanoseconds))
        pendingArrival = 1
        loop.schedule(at: intended) { [unowned self] in
            pendingArrival = 0
            if let record {
                // The trace names the client and the request, as the simulator reads them (World+Clients).
                let request = Request(intended: intended, method: record.method, requestBytes: Int(clamping: record.requestBytes),
                                      responseBytes: Int(clamping: record.responseBytes), uri: record.uri)
                issue(request, client: Int(record.client.magnitude) % clients.count)
            } else {
                // Client choice, then the mix: the simulator's order (World+Clients, onArrival).
                let client = Int(clientRandom.next(below: UInt64(clients.count)))
                issue(drawRequest(intended: intended), client: client)
            }
            scheduleNextArrival()
            finishIfDone()
        }
    }

    /// The next arrival's offset from the start, with its trace record when replaying a trace.
    private func nextArrival() -> (Instant, TraceRecord?)? {
        guard let trace else { return arrivals?.next().map { ($0, nil) } }
        do {
            return try trace.next().map { ($0.time, $0) }
        } catch {
            result.traceError = error.description
            return nil
        }
    }

    /// A closed-loop connection's next turn, unless the traffic is over.
    func issueClosedLoopTurn(client: Int) {
        let now = loop.now
        guard result.requestsIntended < configuration.requests, now - startedAt < configuration.duration else {
            issuingDone = true
            finishIfDone()
            return
        }
        issue(drawRequest(intended: now), client: client)
    }

    /// Method, then request bytes, then response bytes, from "mix": the simulator's order (World+Clients).
    private func drawRequest(intended: Instant) -> Request {
        let method = configuration.mix.drawMethod(using: &mixRandom)
        let requestBytes = RequestMix.drawBytes(configuration.mix.requestBytes, using: &mixRandom)
        let responseBytes = RequestMix.drawBytes(configuration.mix.responseBytes, using: &mixRandom)
        return Request(intended: intended, method: method, requestBytes: Int(clamping: requestBytes),
                       responseBytes: Int(clamping: responseBytes))
    }

    private func issue(_ request: Request, client: Int) {
        result.requestsIntended += 1
        outstanding += 1
        if let connection = clients[client].idle.popLast() {
            send(request, on: connection)
        } else if clients[client].open < connectionsPerClient {
            _ = open(for: request, client: client)
        } else {
            clients[client].waiting.append(request)
        }
    }

    /// Called after a request ends (response or failure): frees its turn.
    func requestEnded(client: Int) {
        outstanding -= 1
        if case .closedLoop(_, let think, _) = configuration.pacing {
            // Through a timer even with no think time: a connect that fails at
            // once must not recurse into the next turn.
            loop.schedule(after: think) { [unowned self] in issueClosedLoopTurn(client: client) }
        }
        finishIfDone()
    }

    func finishIfDone() {
        guard issuingDone, outstanding == 0, !isFinished else { return }
        isFinished = true
        result.elapsed = loop.now - startedAt
        for slot in connections.indices { connections[slot]?.connection.close() }
        onFinished?()
    }

    /// 1 while an arrival is scheduled and not yet issued.
    var pendingArrival = 0
}
