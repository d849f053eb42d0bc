import ProxyModel
import Randomness
import Traffic

/// Traffic and clients: arrivals, choosing or opening a client connection,
/// sending, receiving responses, think times, learning of nginx's closes.
extension World {
    mutating func startTraffic(_ kernel: inout SimulationKernel<WorldEvent>) {
        switch model.traffic.source {
        case .openLoop(let pattern, let spacing), .pages(let pattern, let spacing, _):
            arrivals = ArrivalGenerator(pattern: pattern, spacing: spacing, random: arrivalRandom)
            scheduleNextArrival(&kernel)
        case .trace(let path):
            do {
                trace = try TraceFileReader(path: path, speed: model.traffic.traceSpeed)
                scheduleNextTraceRecord(&kernel)
            } catch {
                traceError = error.description
            }
        case .closedLoop(let connections, _):
            // wrk opens every connection at the start; `spread` starts each
            // at a uniformly random instant of the first second (or of the
            // warm-up, if shorter), so the connections do not march in lockstep.
            let spread = max(1, min(Int64(1_000_000_000), model.run.warmup.nanoseconds))
            let together = model.traffic.closedLoopClient.start == .together
            loadGeneratorThreads = Array(repeating: LoadGeneratorThread(), count: min(connections, model.traffic.closedLoopClient.threads))
            for i in 0..<connections {
                let c = allocateClientConnection(client: Int32(i % clients.count), closedLoop: true, kernel: &kernel)
                let start = together ? Instant.zero : Instant(nanoseconds: Int64(thinkRandom.next(below: UInt64(spread))))
                armThinkTimer(c, at: start, kernel: &kernel)
            }
        }
    }

    mutating func scheduleNextArrival(_ kernel: inout SimulationKernel<WorldEvent>) {
        if let next = arrivals?.next(), next < trafficEnd {
            kernel.schedule(WorldEvent(.arrival, 0), at: next)
        }
    }

    mutating func onArrival(now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        // A page's calls go to its hosts in turn, each host with the browser's own connections to it.
        let hosts = model.traffic.hostsPerPage
        let browser = Int32(clientChoiceRandom.next(below: UInt64(clients.count / hosts)))
        for call in 0..<tables.requestsPerArrival {
            let client = browser * Int32(hosts) + Int32(call % hosts)
            let method = tables.drawMethod(using: &mixRandom)
            let requestBytes = RequestMix.drawBytes(tables.requestBytes, using: &mixRandom)
            let responseBytes = RequestMix.drawBytes(tables.responseBytes, using: &mixRandom)
            let r = newRequest(client: client, method: method, requestBytes: requestBytes, responseBytes: responseBytes, now: now)
            submit(r, client: client, now: now, kernel: &kernel)
        }
        scheduleNextArrival(&kernel)
    }

    mutating func scheduleNextTraceRecord(_ kernel: inout SimulationKernel<WorldEvent>) {
        guard let reader = trace else { return }
        do {
            if let record = try reader.next(), record.time < trafficEnd {
                pendingTraceRecord = record
                kernel.schedule(WorldEvent(.traceArrival, 0), at: record.time)
            }
        } catch {
            traceError = error.description
        }
    }

    mutating func onTraceArrival(now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        guard let record = pendingTraceRecord else { return }
        let client = Int32(Int(record.client) % clients.count)
        if let address = record.clientAddress, clients[Int(client)].address != address {
            clients[Int(client)].address = address
            clients[Int(client)].addressKey = HashKey(IPv4Network.text(address))
        }
        let r = newRequest(client: client, method: record.method, requestBytes: record.requestBytes,
                           responseBytes: record.responseBytes, uri: record.uri.map(HashKey.init), now: now)
        submit(r, client: client, now: now, kernel: &kernel)
        scheduleNextTraceRecord(&kernel)
    }

    /// A closed-loop connection sends its next request.
    mutating func onThinkTimeOver(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let c = Int(event.id)
        guard clientConnections[c].generation == event.generation, now < trafficEnd else { return }
        let client = clientConnections[c].client
        let method = tables.drawMethod(using: &mixRandom)
        let requestBytes = RequestMix.drawBytes(tables.requestBytes, using: &mixRandom)
        let responseBytes = RequestMix.drawBytes(tables.responseBytes, using: &mixRandom)
        let r = newRequest(client: client, method: method, requestBytes: requestBytes, responseBytes: responseBytes, now: now)
        switch clientConnections[c].state {
        case .idle:
            send(r, on: Int32(c), now: now, kernel: &kernel)
        case .closed:
            // nginx closed it (keepalive_requests, idle timeout): reconnect, as wrk does.
            openClientConnection(for: r, reusing: Int32(c), now: now, kernel: &kernel)
        case .connecting, .busy:
            clientConnections[c].request = r  // cannot happen with one request per connection
        }
    }

    /// A new request record, counted if intended after the warm-up.
    /// `uri`: a trace row's own; nil draws one from `traffic.uris`.
    mutating func newRequest(client: Int32, method: HTTPMethod, requestBytes: Int64, responseBytes: Int64, uri: HashKey? = nil,
                             now: Instant) -> Int32 {
        let (index, isNew) = requestSlots.allocate()
        if isNew {
            // Beyond the high-water mark only, off the hot path: the live-state budget.
            if requestSlots.liveCount > EarlyStop.maximumRequestsInFlight { noteOverload(now: now) }
            requests.append(RequestRecord())
        }
        let i = Int(index)
        let generation = requests[i].generation
        metrics.requestSerials += 1
        var location: Int32 = 0
        if tables.locationWeightTotal > 0 {
            var x = mixRandom.nextUnitInterval() * tables.locationWeightTotal
            for (l, weight) in tables.locationWeights.enumerated() {
                location = Int32(l)
                if x < weight { break }
                x -= weight
            }
        }
        let uriKey = uri ?? tables.uris[Int(tables.drawURI(using: &uriRandom))]
        requests[i] = RequestRecord(
            generation: generation, serial: metrics.requestSerials, client: client, method: method, location: location, uriKey: uriKey,
            intendedAt: now, sentAt: now, requestBytes: requestBytes, responseBytes: responseBytes,
            measured: metrics.measuring)
        if metrics.measuring { metrics.sent += 1 }
        metrics.audit.requestsCreated += 1
        return index
    }

    /// The client picks a connection: its most recently used idle one, a new
    /// one if it may open more, or it waits for one to come free.
    mutating func submit(_ r: Int32, client: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        if model.traffic.clientProtocol == .http2 {
            submitStream(r, client: client, now: now, kernel: &kernel)
            return
        }
        let k = Int(client)
        if let c = clients[k].idleConnections.popLast() {
            send(r, on: c, now: now, kernel: &kernel)
        } else if clients[k].openConnections < tables.connectionsPerClient {
            openClientConnection(for: r, reusing: nil, now: now, kernel: &kernel)
        } else {
            enqueueWaiting(r, client: k)
        }
    }

    mutating func allocateClientConnection(client: Int32, closedLoop: Bool, kernel: inout SimulationKernel<WorldEvent>) -> Int32 {
        let (index, isNew) = clientConnectionSlots.allocate()
        if isNew {
            clientConnections.append(ClientConnectionRecord(idleTimer: kernel.makeTimer(), thinkTimer: kernel.makeTimer()))
        }
        let c = Int(index)
        clientConnections[c].client = client
        clientConnections[c].closedLoop = closedLoop
        clientConnections[c].state = .closed
        clientConnections[c].worker = -1
        clientConnections[c].isHTTP2 = false
        clientConnections[c].h2Connection = -1
        clientConnections[c].streamsInFlight = 0
        clientConnections[c].goawayReachesClientAt = .distantFuture
        clientConnections[c].finArrived = false
        return index
    }

    /// Opens a connection to nginx for request `r` (TCP, then TLS if any);
    /// the request follows the handshake. `reusing`: a closed-loop connection
    /// slot that reconnects.
    mutating func openClientConnection(for r: Int32, reusing existing: Int32?, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let client = requests[Int(r)].client
        let c = existing ?? allocateClientConnection(client: client, closedLoop: false, kernel: &kernel)
        clientConnections[Int(c)].request = r
        requests[Int(r)].clientConnection = c
        requests[Int(r)].sentAt = now
        let arrival = startClientHandshake(c, now: now, kernel: &kernel)
        // The final ACK and the request travel together after the handshakes.
        kernel.schedule(WorldEvent(.requestArrivesAtProxy, r, generation: requests[Int(r)].generation),
                        at: arrival + tables.clientLink.transferTime(bytes: requests[Int(r)].requestBytes))
        observe(now, .clientConnectionOpen, request: r, clientConnection: c)
        observe(now, .requestSent, request: r, clientConnection: c)
    }

    /// Starts connection `c`'s handshakes (TCP, then TLS if any); returns when
    /// they complete at nginx (its accept is scheduled then).
    mutating func startClientHandshake(_ c: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) -> Instant {
        let i = Int(c)
        metrics.clientConnectionSerials += 1
        clientConnections[i].serial = metrics.clientConnectionSerials
        clientConnections[i].state = .connecting
        clientConnections[i].proxyHandle = -1
        clientConnections[i].closingAt = .distantFuture
        clientConnections[i].worker = -1
        clientConnections[i].synsDropped = 0
        clients[Int(clientConnections[i].client)].openConnections += 1
        let link = tables.clientLink
        let handshake = handshakeRoundTrips(link)
        let arrival = now + link.roundTrip * handshake.roundTrips + delay(link)
        clientConnections[i].openedAt = arrival
        if metrics.measuring { metrics.clientOpened += 1 }
        metrics.audit.clientOpened += 1
        metrics.clientOpen.increment(at: now)
        kernel.schedule(WorldEvent(.clientConnectionArrives, c, generation: clientConnections[i].generation), at: arrival)
        return arrival
    }

    /// Sends `r` on the open idle connection `c`.
    mutating func send(_ r: Int32, on c: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let i = Int(c)
        clientConnections[i].state = .busy
        clientConnections[i].request = r
        requests[Int(r)].clientConnection = c
        requests[Int(r)].sentAt = now
        let arrival = now + delay(tables.clientLink) + tables.clientLink.transferTime(bytes: requests[Int(r)].requestBytes)
        kernel.schedule(WorldEvent(.requestArrivesAtProxy, r, generation: requests[Int(r)].generation), at: arrival)
        observe(now, .requestSent, request: r, clientConnection: c)
    }

    /// The response is complete at the client: record the latency, then
    /// reuse the connection or let it go.
    mutating func onResponseArrivesAtClient(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let r = Int(event.id)
        guard requests[r].generation == event.generation else { return }
        // Field by field: a whole RequestRecord is a large copy.
        let status = requests[r].status
        if requests[r].measured {
            metrics.completed += 1
            metrics.statusCounts[min(599, Int(status))] += 1
            metrics.latency.record(now.nanoseconds - requests[r].intendedAt.nanoseconds)
            metrics.latencyFromSend.record(now.nanoseconds - requests[r].sentAt.nanoseconds)
        }
        metrics.audit.requestsAnswered += 1
        metrics.audit.clientResponses.add(Int(status))
        let c = requests[r].clientConnection
        let keepsAlive = requests[r].clientKeepsAlive
        observe(now, .response, request: Int32(r), clientConnection: c, detail: String(status))
        freeRequest(Int32(r))
        guard c >= 0 else { return }
        if clientConnections[Int(c)].h2Connection >= 0 {
            streamAnswered(c, now: now, kernel: &kernel)
            return
        }
        let i = Int(c)
        if clientConnections[i].closingAt <= now || !keepsAlive || tables.clientsClose {
            // nginx's FIN came with the response: the connection is gone.
            clientConnectionClosed(c, now: now, kernel: &kernel)
            return
        }
        clientConnections[i].state = .idle
        clientConnections[i].request = -1
        connectionBecameFree(c, now: now, kernel: &kernel)
    }

    /// A client connection is free: closed loop thinks, open loop serves its
    /// client's next waiting request or goes idle.
    mutating func connectionBecameFree(_ c: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let i = Int(c)
        if clientConnections[i].isHTTP2 {
            http2ConnectionChanged(c, now: now, kernel: &kernel)
            return
        }
        if clientConnections[i].closedLoop {
            loadGeneratorReceived(c, now: now, kernel: &kernel)
            return
        }
        let k = Int(clientConnections[i].client)
        if clients[k].waitingHead >= 0 {
            let r = dequeueWaiting(client: k)
            recordQueueWait(r, now: now)
            if clientConnections[i].state == .idle {
                send(r, on: c, now: now, kernel: &kernel)
            } else {
                openClientConnection(for: r, reusing: c, now: now, kernel: &kernel)
            }
        } else if clientConnections[i].state == .idle {
            clients[k].idleConnections.append(c)
        } else {
            releaseClientConnectionSlot(c)
        }
    }

    /// nginx's FIN reaches the client. A request the client had sent on it
    /// meets a closed socket:
    /// - on a connection nginx closed at accept (no `worker_connections`
    ///   slot), before any response: the client sees a reset, and the
    ///   request fails (status "reset"), as a browser's or wrk's would;
    /// - on a kept-alive connection nginx closed while the request was on
    ///   its way (the client-side stale-connection race): clients retry an
    ///   idempotent request on a new connection (RFC 9112 section 9.3.1); a
    ///   closed-loop connection reconnects and sends it again itself.
    mutating func onProxyCloseArrivesAtClient(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let c = event.id
        let i = Int(c)
        guard clientConnections[i].generation == event.generation, clientConnections[i].state != .closed else { return }
        if clientConnections[i].isHTTP2 {
            http2FinArrives(c, now: now, kernel: &kernel)
            return
        }
        let k = Int(clientConnections[i].client)
        if clientConnections[i].state == .idle, let position = clients[k].idleConnections.lastIndex(of: c) {
            clients[k].idleConnections.remove(at: position)
        }
        let state = clientConnections[i].state
        let stranded = state == .busy || state == .connecting ? clientConnections[i].request : -1
        clientConnectionClosed(c, now: now, kernel: &kernel, thenFree: stranded < 0)
        guard stranded >= 0 else { return }
        if state == .connecting {
            failAtClient(stranded, now: now)
            connectionBecameFree(c, now: now, kernel: &kernel)
        } else if clientConnections[i].closedLoop {
            metrics.clientStaleRetries += 1
            openClientConnection(for: stranded, reusing: c, now: now, kernel: &kernel)
        } else {
            metrics.clientStaleRetries += 1
            connectionBecameFree(c, now: now, kernel: &kernel)
            submit(stranded, client: Int32(k), now: now, kernel: &kernel)
        }
    }

    /// Request `r` ends at the client without a response: nginx reset its
    /// connection, or (`byNginx` false) the client's connect() gave up after
    /// every SYN was dropped. Counted as completed with status "reset" (0);
    /// only nginx's resets count among the responses nginx sent (the audit).
    mutating func failAtClient(_ r: Int32, now: Instant, byNginx: Bool = true) {
        let ri = Int(r)
        if requests[ri].measured {
            metrics.completed += 1
            metrics.statusCounts[0] += 1
            metrics.latency.record(now.nanoseconds - requests[ri].intendedAt.nanoseconds)
            metrics.latencyFromSend.record(now.nanoseconds - requests[ri].sentAt.nanoseconds)
        }
        metrics.audit.requestsAnswered += 1
        if byNginx { metrics.audit.clientResponses.add(0) }
        observe(now, .response, request: r, clientConnection: requests[ri].clientConnection, detail: byNginx ? "reset" : "connect_timed_out")
        freeRequest(r)
    }

    /// The client's side of `c` is closed.
    /// `thenFree`: go on as the connection's client does when it is free
    /// (false when the caller decides what comes next).
    mutating func clientConnectionClosed(_ c: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>, thenFree: Bool = true) {
        let i = Int(c)
        let k = Int(clientConnections[i].client)
        clientConnections[i].state = .closed
        clientConnections[i].request = -1
        // Events still in flight for this connection (nginx's FIN, a timer)
        // must not reach whatever connection reuses the slot.
        clientConnections[i].generation &+= 1
        clients[k].openConnections -= 1
        metrics.clientOpen.decrement(at: now)
        kernel.cancel(clientConnections[i].idleTimer)
        observe(now, .clientConnectionClose, request: -1, clientConnection: c)
        if thenFree { connectionBecameFree(c, now: now, kernel: &kernel) }
    }

    mutating func releaseClientConnectionSlot(_ c: Int32) {
        let i = Int(c)
        guard !clientConnections[i].closedLoop else { return }
        clientConnections[i].generation &+= 1
        clientConnectionSlots.release(c)
    }

    mutating func freeRequest(_ r: Int32) {
        requests[Int(r)].generation &+= 1
        requestSlots.release(r)
    }
}
