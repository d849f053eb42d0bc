import ProxyModel

/// An `NginxWorker` paired with scripted backends over a fake link, in the
/// h11 / quinn-proto style: no sockets, no clock, every step explicit. The
/// harness plays the driver: it carries out the worker's actions, delivers
/// messages after the link's one-way delay, fires timers, and runs the
/// backends' scripts. `run` stops at a step limit, so a test can never hang.
struct FakeLinkHarness: ~Copyable {
    /// What a backend connection does with the next request it gets.
    enum BackendReply: Equatable {
        /// Answer after `after` with `status` (`closing`: `Connection: close`).
        case respond(status: Int, after: TimeSpan, closing: Bool = false)
        /// Never answer.
        case silence
    }

    /// One message or timer due at `at`.
    private struct Pending {
        var at: Instant
        var order: Int
        var event: Event
    }
    private enum Event {
        case connected(UpstreamHandle)
        case response(upstream: Int32, status: Int, closing: Bool)
        case backendClose(upstream: Int32)
        case requestAtBackend(upstream: Int32)
        case clientTimer(ClientHandle, Instant)
        case upstreamTimer(upstream: Int32, Instant)
        case cacheTimer(upstream: Int, Instant)
        case relayed(upstream: Int32)
    }

    var worker: NginxWorker
    var zones: SharedUpstreamZones
    var now = Instant.zero
    let oneWay: TimeSpan
    /// Handshake time of a new connection (one round trip by default).
    var handshake: TimeSpan
    /// How long relaying a response to the client takes (`proxy_buffering off`).
    var relayTime = TimeSpan.zero
    /// connect() fails at once with no local port while true.
    var portsExhausted = false
    /// Per server: the replies its connections give, in order (then 200 after 1 ms).
    var script: [Int: [BackendReply]] = [:]

    private var pending: [Pending] = []
    private var order = 0
    private var actions = NginxWorkerActions()
    private var upstreamHandles: [Int32: UpstreamHandle] = [:]
    private var upstreamServer: [Int32: Int] = [:]
    private var backendClosed: Set<Int32> = []
    private var nextUpstreamID: Int32 = 100
    private var clientHandles: [Int32: ClientHandle] = [:]

    /// Everything the worker asked, in order.
    private(set) var log: [NginxWorkerAction] = []
    /// Responses the clients got: client id -> status.
    private(set) var responses: [Int32: Int] = [:]
    /// Connections opened per server.
    private(set) var opened: [Int: Int] = [:]
    /// Requests each server received.
    private(set) var served: [Int: Int] = [:]

    init(_ configuration: NginxConfiguration, oneWay: TimeSpan = .milliseconds(1)) throws {
        let plan = try NginxWorkerPlan(configuration.resolved())
        worker = try NginxWorker(index: 0, plan: plan)
        zones = SharedUpstreamZones(plan: plan)
        self.oneWay = oneWay
        handshake = oneWay + oneWay
    }

    /// A client connects and sends `method` to location 0 right away.
    mutating func request(client: Int32, method: HTTPMethod = .get) {
        if clientHandles[client] == nil {
            guard case .accepted(let handle, _) = worker.clientConnectionAccepted(driverID: client, now: now, actions: &actions)
            else { perform(); return }
            clientHandles[client] = handle
        }
        worker.requestReceived(clientHandles[client]!, ProxiedRequest(method: method, location: 0), now: now,
                               zones: &zones, actions: &actions)
        perform()
    }

    /// HTTP/2: client connection `connection` (accepted as an HTTP/2
    /// connection when first used) sends stream `stream`, a GET to location 0.
    @discardableResult
    mutating func stream(_ stream: Int32, on connection: Int32) -> NginxWorker.StreamOutcome {
        if clientHandles[connection] == nil {
            guard case .accepted(let handle, _) = worker.clientConnectionAccepted(driverID: connection, http2: true, now: now,
                                                                                 actions: &actions)
            else { perform(); return .refused }
            clientHandles[connection] = handle
        }
        let outcome = worker.streamReceived(on: clientHandles[connection]!, streamDriverID: stream,
                                            ProxiedRequest(method: .get, location: 0), now: now, zones: &zones, actions: &actions)
        perform()
        return outcome
    }

    /// The backend closes its idle connection to `server` (all of them): its
    /// FIN reaches nginx one one-way delay later.
    mutating func backendClosesIdleConnections(server: Int) {
        for (id, s) in upstreamServer where s == server && !backendClosed.contains(id) {
            backendClosed.insert(id)
            schedule(.backendClose(upstream: id), at: now + oneWay)
        }
    }

    /// Delivers due events in time order for `span` of time (one second by
    /// default: long enough for an exchange, short of the idle timeouts);
    /// fails after `stepLimit` steps.
    mutating func run(for span: TimeSpan = .seconds(1), stepLimit: Int = 10_000) throws {
        let until = now + span
        var steps = 0
        while let next = pending.indices.min(by: { (pending[$0].at, pending[$0].order) < (pending[$1].at, pending[$1].order) }),
              pending[next].at <= until {
            steps += 1
            if steps > stepLimit { throw HarnessError.stepLimit(steps) }
            let item = pending.remove(at: next)
            now = max(now, item.at)
            deliver(item.event)
        }
        now = max(now, until)
    }

    enum HarnessError: Error { case stepLimit(Int) }

    private mutating func deliver(_ event: Event) {
        switch event {
        case .connected(let handle):
            worker.upstreamConnected(handle, now: now, actions: &actions)
        case .requestAtBackend(let id):
            guard !backendClosed.contains(id), let server = upstreamServer[id] else { return }  // met a closed socket: RST
            served[server, default: 0] += 1
            var replies = script[server] ?? []
            let reply = replies.isEmpty ? .respond(status: 200, after: .milliseconds(1)) : replies.removeFirst()
            script[server] = replies
            if case .respond(let status, let after, let closing) = reply {
                schedule(.response(upstream: id, status: status, closing: closing), at: now + after + oneWay)
                if closing {
                    backendClosed.insert(id)
                    schedule(.backendClose(upstream: id), at: now + after + oneWay)
                }
            }
        case .response(let id, let status, let closing):
            guard let handle = upstreamHandles[id] else { return }
            worker.responseReceived(handle, status: status, end: closing ? .markedClose : .reusable, now: now,
                                    zones: &zones, actions: &actions)
        case .backendClose(let id):
            guard let handle = upstreamHandles[id] else { return }
            worker.upstreamClosedByPeer(handle, now: now, zones: &zones, actions: &actions)
        case .clientTimer(let handle, let at):
            guard at <= now else { return }
            worker.clientTimerFired(handle, now: now, actions: &actions)
        case .upstreamTimer(let id, _):
            guard let handle = upstreamHandles[id] else { return }
            worker.upstreamTimerFired(handle, now: now, zones: &zones, actions: &actions)
        case .cacheTimer(let u, _):
            worker.cacheTimerFired(upstream: u, now: now, actions: &actions)
        case .relayed(let id):
            guard let handle = upstreamHandles[id] else { return }
            worker.responseRelayed(handle, now: now, zones: &zones, actions: &actions)
        }
        perform()
    }

    private mutating func schedule(_ event: Event, at: Instant) {
        order += 1
        pending.append(Pending(at: at, order: order, event: event))
    }

    /// Carries out the worker's actions, as a driver does.
    private mutating func perform() {
        var index = 0
        while index < actions.count {
            let action = actions[index]
            index += 1
            log.append(action)
            switch action {
            case .respond(let client, let status, let closeReason, _, let timerAt):
                responses[client] = Int(status)
                if closeReason != nil {
                    clientHandles[client] = nil
                } else if let handle = clientHandles[client] {
                    schedule(.clientTimer(handle, timerAt), at: timerAt)
                }
            case .rejectClient(let client), .closeClient(let client, _):
                clientHandles[client] = nil
            case .connect(let handle, _, _, let server, let timeoutAt):
                if portsExhausted {
                    worker.upstreamConnectFailed(handle, .noLocalPort, now: now, zones: &zones, actions: &actions)
                    continue
                }
                nextUpstreamID += 1
                let id = nextUpstreamID
                worker.bindUpstream(handle, driverID: id)
                upstreamHandles[id] = handle
                upstreamServer[id] = Int(server)
                opened[Int(server), default: 0] += 1
                schedule(.upstreamTimer(upstream: id, timeoutAt), at: timeoutAt)
                if handshake != .distantFutureSpan { schedule(.connected(handle), at: now + handshake) }
            case .relay(let id, _):
                schedule(.relayed(upstream: id), at: now + relayTime)
            case .send(let id, _, _, _, let at):
                schedule(.requestAtBackend(upstream: id), at: now + oneWay)
                schedule(.upstreamTimer(upstream: id, at), at: at)
            case .closeUpstream(let id, _, _):
                upstreamHandles[id] = nil
            case .armClientTimer(let client, let at):
                if let handle = clientHandles[client] { schedule(.clientTimer(handle, at), at: at) }
            case .armCacheTimer(let u, let at):
                schedule(.cacheTimer(upstream: Int(u), at), at: at)
            case .cancelClientTimer, .cancelUpstreamTimer, .cancelCacheTimer, .storedIdle, .attemptFailed, .retry:
                break  // timers re-check their deadline when they fire
            }
        }
        actions.removeAll()
    }

    /// Whether the client got `status` from nginx, made for `cause` (nil: the backend's response).
    func responded(_ client: Int32, _ status: Int, cause: NginxErrorCause?) -> Bool {
        log.contains {
            if case .respond(client, Int16(status), _, let actual, _) = $0 { return actual == cause }
            return false
        }
    }

    /// The close reasons of upstream connections, in order.
    var upstreamCloseReasons: [UpstreamCloseReason] {
        log.compactMap { if case .closeUpstream(_, let reason, _) = $0 { return reason } else { return nil } }
    }

    /// The causes of failed attempts, in order, with whether each was retried.
    var failures: [(NginxErrorCause, Bool)] {
        log.compactMap { if case .attemptFailed(_, _, let cause, let retried) = $0 { return (cause, retried) } else { return nil } }
    }
}

extension TimeSpan {
    /// A handshake that never completes (for connect timeouts).
    static let distantFutureSpan = TimeSpan(nanoseconds: .max)
}
