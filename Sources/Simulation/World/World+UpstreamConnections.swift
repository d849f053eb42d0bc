import ProxyModel

/// nginx's upstream connections as packets and kernel facts: opening one
/// (a local port, the TCP and TLS handshakes), writing a request on it,
/// closing it (TIME_WAIT on the side that closes first, the FIN one one-way
/// delay later). Which connection to open, reuse or close is the worker's
/// decision (`NginxWorker`); this is what the network does with it.
extension World {
    /// The worker asked for a new connection: take a local port and start
    /// the handshakes, or report at once that connect() failed.
    mutating func connectUpstream(_ handle: UpstreamHandle, client c: Int32, worker w: Int, upstream u: Int, server: Int,
                                  timeoutAt: Instant, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let b = Int(tables.backendOfServer[tables.serverIndex(upstream: u, server: server)])
        if backends[b].proxyPortsOpen + backends[b].proxyTimeWait.count(at: now) >= model.network.ephemeralPorts {
            // connect() fails with EADDRNOTAVAIL.
            metrics.portExhaustionFailures += metrics.measuring ? 1 : 0
            proxy.workers[w].upstreamConnectFailed(handle, .noLocalPort, now: now, zones: &proxy.zones, actions: &proxy.actions)
            return
        }
        let r = clientConnections[Int(c)].request
        let uc = openUpstreamConnection(worker: w, upstream: u, server: server, backend: b, request: r, now: now, kernel: &kernel)
        let i = Int(uc)
        upstreamConnections[i].proxyHandle = handle.rawValue
        upstreamConnections[i].request = r
        proxy.workers[w].bindUpstream(handle, driverID: uc)
        chargeWorker(w, model.proxyCosts.connect)
        let link = tables.backendLink
        let handshake = handshakeRoundTrips(link)
        let handshakeTime = link.roundTrip * handshake.roundTrips
        // Totals saturate like every time sum (TimeSpan.saturatingSum): 53k handshakes of a day each would overflow.
        if metrics.measuring { metrics.handshakeNanoseconds = TimeSpan.saturatingSum(metrics.handshakeNanoseconds, handshakeTime.nanoseconds) }
        if handshake.tls {
            let cost = handshake.tlsFull ? tables.backendTLSCPU[b] : TimeSpan(nanoseconds: tables.backendTLSCPU[b].nanoseconds / 10)
            upstreamConnections[i].setupCPU += cost
        }
        let generation = upstreamConnections[i].generation
        kernel.arm(upstreamConnections[i].responseTimer, at: timeoutAt,
                   event: WorldEvent(.upstreamResponseTimeout, uc, generation: generation))
        upstreamConnections[i].handshakeTime = handshakeTime
        sendUpstreamSYN(uc, backend: b, now: now, kernel: &kernel)
    }

    /// A new upstream connection record (nginx side connecting, backend side open).
    mutating func openUpstreamConnection(worker w: Int, upstream u: Int, server: Int, backend b: Int, request r: Int32,
                                         now: Instant, kernel: inout SimulationKernel<WorldEvent>) -> Int32 {
        let (index, isNew) = upstreamConnectionSlots.allocate()
        if isNew {
            upstreamConnections.append(UpstreamConnectionRecord(backendIdleTimer: kernel.makeTimer(), responseTimer: kernel.makeTimer()))
        }
        let i = Int(index)
        metrics.upstreamConnectionSerials += 1
        var record = upstreamConnections[i]
        record.serial = metrics.upstreamConnectionSerials
        record.worker = Int32(w); record.upstream = Int32(u); record.server = Int32(server); record.backend = Int32(b)
        record.location = requests[Int(r)].location
        record.backendOpen = true
        record.backendBusy = false
        record.backendRequests = 0
        record.backendClosedAt = .distantFuture
        record.responseEnd = .reusable
        record.backendClosesAfterResponse = false
        record.setupCPU = tables.backendAcceptCPU[b]
        record.synsDropped = 0
        record.synPending = false
        record.inAcceptQueue = false
        upstreamConnections[i] = record
        backends[b].proxyPortsOpen += 1
        let use = Double(backends[b].proxyPortsOpen + backends[b].proxyTimeWait.count(at: now)) / Double(max(1, model.network.ephemeralPorts))
        if metrics.measuring, use > backends[b].peakPortUse { backends[b].peakPortUse = use }
        if metrics.measuring {
            metrics.upstreamOpened += 1
            proxy.stats[w].upstreamOpened += 1
        }
        metrics.upstreamOpen.increment(at: now)
        metrics.audit.upstreamOpened += 1
        proxy.stats[w].openUpstream.increment(at: now)
        observe(now, .upstreamOpen, request: r, upstreamConnection: index)
        return index
    }

    /// nginx writes the request on connection `uc`.
    mutating func sendUpstream(_ uc: Int32, client c: Int32, cached: Bool, worker w: Int, now: Instant,
                               kernel: inout SimulationKernel<WorldEvent>) {
        let i = Int(uc)
        let r = clientConnections[Int(c)].request
        upstreamConnections[i].request = r
        if cached {
            upstreamConnections[i].location = requests[Int(r)].location
            metrics.upstreamIdle.decrement(at: now)
            proxy.stats[w].idleUpstream.decrement(at: now)
            if metrics.measuring { metrics.reusedAttempts += 1 }
            observe(now, .upstreamReuse, request: r, upstreamConnection: uc)
        } else {
            observe(now, .upstreamHandshakeDone, request: r, upstreamConnection: uc)
        }
        kernel.schedule(WorldEvent(.requestArrivesAtBackend, uc, generation: upstreamConnections[i].generation),
                        at: now + delay(tables.backendLink) + tables.backendLink.transferTime(bytes: requests[Int(r)].requestBytes))
    }

    /// How much longer than reading it from the backend relaying request
    /// `r`'s response to the client takes: nginx writes while it reads, so
    /// only a slower client link adds time.
    @inline(__always)
    func extraRelayTime(_ r: Int32) -> TimeSpan {
        let bytes = requests[Int(r)].responseBytes
        let toClient = tables.clientLink.transferTime(bytes: bytes)
        let fromBackend = tables.backendLink.transferTime(bytes: bytes)
        return toClient > fromBackend ? toClient - fromBackend : .zero
    }

    /// nginx closes its end of connection `uc`. If the backend's end is still
    /// open, nginx closed first: TIME_WAIT on nginx's host, and the backend
    /// learns one one-way delay later.
    mutating func closeUpstreamAtProxy(_ uc: Int32, reason: UpstreamCloseReason, wasIdle: Bool, now: Instant,
                                       kernel: inout SimulationKernel<WorldEvent>) {
        let i = Int(uc)
        let w = Int(upstreamConnections[i].worker)
        let b = Int(upstreamConnections[i].backend)
        if wasIdle {
            metrics.upstreamIdle.decrement(at: now)
            proxy.stats[w].idleUpstream.decrement(at: now)
        }
        kernel.cancel(upstreamConnections[i].responseTimer)
        upstreamConnections[i].proxyHandle = -1
        upstreamConnections[i].request = -1
        chargeWorker(w, model.proxyCosts.close)
        metrics.upstreamOpen.decrement(at: now)
        metrics.audit.upstreamClosedByProxy += 1
        proxy.stats[w].openUpstream.decrement(at: now)
        backends[b].proxyPortsOpen -= 1
        // Still waiting for a dropped SYN's retransmission: never established,
        // so no FIN and no TIME_WAIT (the socket was in SYN_SENT).
        let established = !upstreamConnections[i].synPending
        if !established {
            upstreamConnections[i].synPending = false
            upstreamConnections[i].backendOpen = false
        }
        // Who closed first: the backend if its close has already reached us.
        let backendFirst = established && !upstreamConnections[i].backendOpen
        if metrics.measuring {
            metrics.upstreamClosedByReason[Int(reason.rawValue)] += 1
            metrics.upstreamClosedBySide[backendFirst ? CloseSide.backend.rawValue : CloseSide.proxy.rawValue] += 1
        }
        observe(now, .upstreamClose, request: -1, upstreamConnection: uc, detail: reason.reportName)
        if !upstreamConnections[i].backendOpen {
            upstreamConnectionFinished(uc, now: now)
        } else {
            backends[b].proxyTimeWait.add(at: now)
            metrics.proxyTimeWait.add(at: now)
            kernel.schedule(WorldEvent(.proxyCloseArrivesAtBackend, uc, generation: upstreamConnections[i].generation),
                            at: now + delay(tables.backendLink))
        }
    }

    /// Both ends are closed: the slot can be reused.
    mutating func upstreamConnectionFinished(_ uc: Int32, now: Instant) {
        let i = Int(uc)
        guard upstreamConnections[i].proxyHandle < 0, !upstreamConnections[i].backendOpen else { return }
        upstreamConnections[i].generation &+= 1
        upstreamConnectionSlots.release(uc)
    }
}
