import ProxyModel

/// nginx's client side: accepting connections onto workers, reading
/// requests, answering, client keepalive and its idle timer.
extension World {
    /// The worker handling events of client connection `c` (chosen at accept).
    @inline(__always) func workerOf(clientConnection c: Int32) -> Int { Int(clientConnections[Int(c)].worker) }

    /// A client connection's handshake completed: a worker accepts it
    /// (ngx_event_accept) and takes a `worker_connections` slot.
    mutating func onClientConnectionArrives(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let c = event.id
        let i = Int(c)
        guard clientConnections[i].generation == event.generation, clientConnections[i].state == .connecting else { return }
        let w = clientConnections[i].worker >= 0 ? Int(clientConnections[i].worker) : chooseWorker(now: now)
        clientConnections[i].worker = Int32(w)
        drainReusableClientConnections(worker: w, now: now, kernel: &kernel)
        let freeBefore = workers[w].budget.free
        guard workers[w].budget.acquire(.reusableClient) else {
            // "worker_connections are not enough": the socket is closed at once.
            closeClientConnectionAtProxy(c, cause: .noWorkerSlot, now: now, kernel: &kernel)
            return
        }
        workerAssignment.recordAccept(worker: w, freeSlotsBefore: freeBefore)
        workerStatus[w].freeSlots = workers[w].budget.free
        workers[w].clientConnectionsAccepted += metrics.measuring ? 1 : 0
        clientConnections[i].state = .idle  // until its request is read, right after
        clientConnections[i].idleSince = now
    }

    /// The worker a new connection lands on (nginx-semantics.md section 6).
    mutating func chooseWorker(now: Instant) -> Int {
        for w in workers.indices {
            workerStatus[w].freeSlots = workers[w].budget.free
            workerStatus[w].idleSince = workersHaveCosts ? (workers[w].busyUntil <= now ? workers[w].idleSince : nil) : .zero
        }
        let draw = acceptRandom.next()
        return workerAssignment.chooseWorker(now: now, workers: workerStatus, randomDraw: draw) ?? 0
    }

    /// Under slot pressure nginx closes the oldest reusable (idle keepalive)
    /// client connections first (ngx_drain_connections).
    mutating func drainReusableClientConnections(worker w: Int, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        var toClose = workers[w].budget.reusableConnectionsToDrain
        guard toClose > 0 else { return }
        // Oldest idle first: scan for idle connections of this worker by idle time.
        var candidates: [(since: Instant, id: Int32)] = []
        for index in clientConnections.indices
        where clientConnections[index].worker == Int32(w) && clientConnections[index].state == .idle
            && clientConnections[index].closingAt == .distantFuture {
            candidates.append((clientConnections[index].idleSince, Int32(index)))
        }
        candidates.sort { ($0.since, $0.id) < ($1.since, $1.id) }
        for candidate in candidates where toClose > 0 {
            closeClientConnectionAtProxy(candidate.id, cause: .idleTimeout, now: now, kernel: &kernel)
            toClose -= 1
        }
    }

    /// A request's bytes reach nginx: the worker reads it, takes the client
    /// keepalive decision, and starts the upstream part.
    mutating func onRequestArrivesAtProxy(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let r = Int(event.id)
        guard requests[r].generation == event.generation else { return }
        let c = requests[r].clientConnection
        let ci = Int(c)
        // nginx already closed this connection (its FIN is on the way): the
        // request meets a closed socket; the client resends when the FIN lands.
        guard clientConnections[ci].closingAt == .distantFuture, clientConnections[ci].worker >= 0,
              clientConnections[ci].state != .closed
        else { return }
        let w = Int(clientConnections[ci].worker)
        kernel.cancel(clientConnections[ci].idleTimer)
        clientConnections[ci].state = .busy
        workers[w].budget.move(from: .reusableClient, to: .activeClient)
        clientConnections[ci].requestsServed += 1
        if metrics.measuring { workers[w].requests += 1 }
        metrics.proxyInFlight.increment(at: now)
        let decision = tables.client.decide(
            httpVersion: .http11, connectionHeader: tables.clientsClose ? .close : .absent,
            requestNumber: Int(clientConnections[ci].requestsServed), connectionOpenedAt: clientConnections[ci].openedAt, now: now)
        switch decision {
        case .keepAlive: requests[r].clientKeepsAlive = true; requests[r].clientCloseReason = nil
        case .close(let reason): requests[r].clientKeepsAlive = false; requests[r].clientCloseReason = reason
        }
        observe(now, .requestAtProxy, request: Int32(r), clientConnection: c, worker: Int32(w))
        startUpstream(Int32(r), worker: w, now: now, kernel: &kernel)
    }

    /// nginx sends the response (its own or the backend's) to the client and
    /// applies the client keepalive decision: idle timer or close.
    mutating func respondToClient(_ r: Int32, status: Int, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let ri = Int(r)
        requests[ri].status = Int16(clamping: status)
        metrics.audit.sentToClients.add(status)
        metrics.proxyInFlight.decrement(at: now)
        let c = requests[ri].clientConnection
        let ci = Int(c)
        let w = Int(clientConnections[ci].worker)
        var decision: ClientKeepaliveDecision = requests[ri].clientKeepsAlive ? .keepAlive : .close(requests[ri].clientCloseReason ?? .clientSentConnectionClose)
        decision = tables.client.afterNginxError(status: status, decision: decision)
        let arrival = now + delay(tables.clientLink)
        kernel.schedule(WorldEvent(.responseArrivesAtClient, r, generation: requests[ri].generation), at: arrival)
        switch decision {
        case .keepAlive:
            requests[ri].clientKeepsAlive = true
            workers[w].budget.move(from: .activeClient, to: .reusableClient)
            clientConnections[ci].state = .idle
            clientConnections[ci].idleSince = now
            kernel.arm(clientConnections[ci].idleTimer, at: tables.client.idleDeadline(responseFinishedAt: now),
                       event: WorldEvent(.clientIdleTimeout, c, generation: clientConnections[ci].generation))
        case .close(let reason):
            // The FIN follows the response on the same path.
            requests[ri].clientKeepsAlive = false
            workers[w].budget.release(.activeClient)
            clientConnections[ci].closingAt = now
            countClientClose(ClientCloseCause(reason))
            chargeWorker(w, model.proxyCosts.close)
        }
        workerStatus[w].freeSlots = workers[w].budget.free
    }

    /// nginx's client keepalive_timeout: close the idle connection.
    mutating func onClientIdleTimeout(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let c = event.id
        let ci = Int(c)
        guard clientConnections[ci].generation == event.generation, clientConnections[ci].state == .idle,
              clientConnections[ci].closingAt == .distantFuture,
              clientConnections[ci].idleSince + tables.client.keepaliveTimeout <= now
        else { return }
        closeClientConnectionAtProxy(c, cause: .idleTimeout, now: now, kernel: &kernel)
    }

    /// nginx closes an idle (or just-accepted) client connection; the client
    /// learns when the FIN arrives.
    mutating func closeClientConnectionAtProxy(_ c: Int32, cause: ClientCloseCause, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let ci = Int(c)
        let w = Int(clientConnections[ci].worker)
        if cause != .noWorkerSlot, w >= 0 {
            workers[w].budget.release(.reusableClient)
            workerStatus[w].freeSlots = workers[w].budget.free
            chargeWorker(w, model.proxyCosts.close)
        }
        kernel.cancel(clientConnections[ci].idleTimer)
        clientConnections[ci].closingAt = now
        countClientClose(cause)
        kernel.schedule(WorldEvent(.proxyCloseArrivesAtClient, c, generation: clientConnections[ci].generation),
                        at: now + delay(tables.clientLink))
        // A connection rejected at accept still carries its first request:
        // the client learns of the reset and sends it again.
    }

    mutating func countClientClose(_ cause: ClientCloseCause) {
        if metrics.measuring { metrics.clientClosedByCause[cause.rawValue] += 1 }
    }
}
