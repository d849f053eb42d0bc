import ProxyModel

/// Listen backlogs, as the kernel enforces them: a connection whose handshake
/// is complete waits in its listener's accept queue until the server accepts
/// it; when the queue is full, an arriving SYN is dropped and the client
/// retransmits it (`SYNRetransmission`).
///
/// nginx's listeners (one shared, or one per worker with `reuseport`): a
/// connection waits while the worker the kernel hands it to is busy (only
/// with `nginx.cpu`: an idle worker accepts at once). A backend's listener:
/// a new connection waits until a backend worker takes its first request.
extension World {
    // MARK: nginx's listeners

    /// A client connection's handshake would complete while worker `w` is
    /// busy: it joins its listener's accept queue, or, when that is full, its
    /// SYN is dropped. Returns whether it joined.
    mutating func joinProxyAcceptQueue(_ c: Int32, worker w: Int, now: Instant, kernel: inout SimulationKernel<WorldEvent>) -> Bool {
        let listener = proxy.listener(ofWorker: w)
        if proxy.acceptQueues[listener] < proxy.acceptQueueCapacity {
            proxy.acceptQueues[listener] += 1
            return true
        }
        let i = Int(c)
        if metrics.measuring { metrics.proxyListenOverflows += 1 }
        clientConnections[i].worker = -1  // the kernel never handed it to a worker
        // The request's bytes that followed the handshake are lost with it:
        // its arrival event, wherever it is, no longer counts.
        let r = clientConnections[i].request
        if r >= 0 { requests[Int(r)].generation &+= 1 }
        let dropped = clientConnections[i].synsDropped
        clientConnections[i].synsDropped = dropped + 1
        // The retransmitted SYN completes the handshake one timeout later;
        // after the last one, that moment is when connect() gives up
        // (`clientConnectGivesUp`).
        if dropped < SYNRetransmission.retries, metrics.measuring { metrics.synRetransmits += 1 }
        kernel.schedule(WorldEvent(.clientConnectionArrives, c, generation: clientConnections[i].generation),
                        at: now + SYNRetransmission.timeout(afterDrop: dropped))
        return false
    }

    /// Whether the client's kernel gives up on connection `c` now: its last
    /// SYN retransmission went unanswered for the final timeout (127 s after
    /// the first SYN). Then the connect fails and the connection is done.
    mutating func clientConnectGivesUp(_ c: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) -> Bool {
        guard clientConnections[Int(c)].synsDropped > SYNRetransmission.retries else { return false }
        clientConnectTimedOut(c, now: now, kernel: &kernel)
        return true
    }

    /// Worker `w` accepts a connection from its listener's queue.
    @inline(__always)
    mutating func leaveProxyAcceptQueue(worker w: Int) {
        proxy.acceptQueues[proxy.listener(ofWorker: w)] -= 1
    }

    /// The kernel gave up on a client's connect() (every SYN dropped): the
    /// request fails at the client without a response, as a connect error
    /// does in wrk or a browser.
    mutating func clientConnectTimedOut(_ c: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let r = clientConnections[Int(c)].request
        if metrics.measuring { metrics.clientConnectTimeouts += 1 }
        clientConnectionClosed(c, now: now, kernel: &kernel, thenFree: false)
        if r >= 0 { failAtClient(r, now: now, byNginx: false) }
        connectionBecameFree(c, now: now, kernel: &kernel)
    }

    /// A client connection accepted after retransmitted SYNs: its request
    /// follows the handshake that finally completed (the first copy met no
    /// connection at nginx).
    mutating func resendAfterRetransmittedSYN(_ c: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let i = Int(c)
        clientConnections[i].synsDropped = 0
        let r = clientConnections[i].request
        guard r >= 0 else { return }
        kernel.schedule(WorldEvent(.requestArrivesAtProxy, r, generation: requests[Int(r)].generation),
                        at: now + tables.clientLink.transferTime(bytes: requests[Int(r)].requestBytes))
    }

    // MARK: Backends' listeners

    /// nginx's SYN toward backend `b` for connection `uc`: the handshake
    /// completes (and the connection joins the accept queue), or the SYN is
    /// dropped and retransmitted after the kernel's timeout.
    mutating func sendUpstreamSYN(_ uc: Int32, backend b: Int, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let i = Int(uc)
        let generation = upstreamConnections[i].generation
        if backends[b].acceptQueue < tables.backendAcceptQueueCapacity[b] {
            backends[b].acceptQueue += 1
            upstreamConnections[i].inAcceptQueue = true
            upstreamConnections[i].synPending = false
            kernel.schedule(WorldEvent(.upstreamConnected, uc, generation: generation), at: now + upstreamConnections[i].handshakeTime)
            return
        }
        if metrics.measuring { backends[b].listenOverflows += 1 }
        let dropped = upstreamConnections[i].synsDropped
        upstreamConnections[i].synsDropped = dropped + 1
        upstreamConnections[i].synPending = true
        kernel.schedule(WorldEvent(.upstreamSYNRetransmit, uc, generation: generation),
                        at: now + SYNRetransmission.timeout(afterDrop: dropped))
    }

    /// A dropped SYN's retransmission timer: send it again, or, after the
    /// last one, connect() fails with ETIMEDOUT.
    mutating func onUpstreamSYNRetransmit(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        guard let (w, handle) = nginxEnd(of: event), upstreamConnections[Int(event.id)].synPending else { return }
        let i = Int(event.id)
        guard upstreamConnections[i].synsDropped > SYNRetransmission.retries else {
            if metrics.measuring { metrics.synRetransmits += 1 }
            sendUpstreamSYN(event.id, backend: Int(upstreamConnections[i].backend), now: now, kernel: &kernel)
            return
        }
        closeUpstreamAtProxy(event.id, reason: .failedAttempt, wasIdle: false, now: now, kernel: &kernel)
        proxy.workers[w].upstreamConnectFailed(handle, .timedOut, now: now, zones: &proxy.zones, actions: &proxy.actions)
        perform(worker: w, now: now, kernel: &kernel)
    }

    /// The backend accepts connection `uc` (a worker takes its first
    /// request), or the connection ends before it did.
    @inline(__always)
    mutating func leaveBackendAcceptQueue(_ uc: Int32) {
        let i = Int(uc)
        guard upstreamConnections[i].inAcceptQueue else { return }
        upstreamConnections[i].inAcceptQueue = false
        backends[Int(upstreamConnections[i].backend)].acceptQueue -= 1
    }
}

/// Linux's SYN retransmissions (net/ipv4/tcp_timer.c `tcp_retransmit_timer`
/// from TCP_TIMEOUT_INIT, 1 s, doubling; `net.ipv4.tcp_syn_retries` 6): a
/// dropped SYN is sent again 1, 3, 7, 15, 31 and 63 s after the first, and
/// connect() fails with ETIMEDOUT at 127 s.
enum SYNRetransmission {
    /// `net.ipv4.tcp_syn_retries`.
    static let retries: UInt8 = 6

    /// How long the kernel waits for an answer to the SYN sent after `dropped` earlier ones were dropped.
    @inline(__always)
    static func timeout(afterDrop dropped: UInt8) -> TimeSpan { .seconds(Int64(1) << Int64(min(dropped, retries))) }
}
