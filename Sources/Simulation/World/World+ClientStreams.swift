import ProxyModel

/// HTTP/2 clients (`traffic.client_protocol: "h2"`): one connection per
/// client and host name, each request a stream on it. The client sends up to
/// nginx's `http2_max_concurrent_streams` at once and queues the rest
/// (browsers honour SETTINGS_MAX_CONCURRENT_STREAMS); what nginx does with
/// each stream — the limit, GOAWAY at `keepalive_requests`, the idle timer —
/// is `NginxWorker`'s decision (`NginxWorker+HTTP2.swift`).
///
/// A stream is a client-connection record of its own (`h2Connection` names
/// its connection), so the worker's actions for its request name it like
/// any HTTP/1.1 connection's. The connection record counts the streams in
/// flight; it closes at the client once nginx's FIN has arrived and its
/// streams are answered.
extension World {
    /// The client sends `r` on its HTTP/2 connection, opens one, or queues
    /// `r` until a stream is free.
    mutating func submitStream(_ r: Int32, client: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let k = Int(client)
        let p = clients[k].h2Connection
        enqueueWaiting(r, client: k)
        // Behind a full connection it waits for a stream (counted as queued when it gets one).
        requests[Int(r)].waitsForStream = p >= 0 && clientConnections[Int(p)].state != .connecting
            && clientConnections[Int(p)].streamsInFlight >= maxStreams
        serveWaiting(client: k, now: now, kernel: &kernel)
    }

    /// The client's waiting requests go out on its HTTP/2 connection, or on a
    /// new one when it has none it may use (going away: nginx's FIN or GOAWAY arrived).
    mutating func serveWaiting(client k: Int, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        guard clients[k].waitingHead >= 0 else { return }
        let p = clients[k].h2Connection
        if p >= 0, clientConnections[Int(p)].finArrived || clientConnections[Int(p)].goawayReachesClientAt <= now {
            clients[k].h2Connection = -1
        }
        let current = clients[k].h2Connection
        if current < 0 {
            let c = allocateClientConnection(client: Int32(k), closedLoop: false, kernel: &kernel)
            clientConnections[Int(c)].isHTTP2 = true
            clientConnections[Int(c)].request = -1
            clients[k].h2Connection = c
            _ = startClientHandshake(c, now: now, kernel: &kernel)
            observe(now, .clientConnectionOpen, request: clients[k].waitingHead, clientConnection: c)
        } else if clientConnections[Int(current)].state != .connecting {
            sendWaitingStreams(current, afterHandshake: false, now: now, kernel: &kernel)
        }
    }

    /// Streams one connection may carry at once (nginx's SETTINGS_MAX_CONCURRENT_STREAMS).
    var maxStreams: Int32 { Int32(clamping: model.nginx.http2?.maxConcurrentStreams ?? 1) }

    /// Request `r` joins the end of its client's queue of requests waiting for a connection (or a stream).
    mutating func enqueueWaiting(_ r: Int32, client k: Int) {
        if clients[k].waitingTail >= 0 {
            requests[Int(clients[k].waitingTail)].nextWaiting = r
        } else {
            clients[k].waitingHead = r
        }
        clients[k].waitingTail = r
        requests[Int(r)].nextWaiting = -1
        requests[Int(r)].waitsForStream = false
    }

    /// The first of the client's waiting requests, taken off its queue.
    mutating func dequeueWaiting(client k: Int) -> Int32 {
        let r = clients[k].waitingHead
        clients[k].waitingHead = requests[Int(r)].nextWaiting
        if clients[k].waitingHead < 0 { clients[k].waitingTail = -1 }
        return r
    }

    /// Request `r` waited for a connection (or a stream) from its intended send until `now`.
    mutating func recordQueueWait(_ r: Int32, now: Instant) {
        guard requests[Int(r)].measured else { return }
        metrics.clientQueued += 1
        metrics.clientQueueWait.record(now.nanoseconds - requests[Int(r)].intendedAt.nanoseconds)
    }

    /// Sends the client's waiting requests on connection `p` while it has
    /// streams free. `afterHandshake`: the requests followed the handshake
    /// (they reach nginx with it, as HTTP/1.1's first request does).
    mutating func sendWaitingStreams(_ p: Int32, afterHandshake: Bool, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let pi = Int(p)
        let k = Int(clientConnections[pi].client)
        while clients[k].waitingHead >= 0, clientConnections[pi].streamsInFlight < maxStreams,
              !clientConnections[pi].finArrived, clientConnections[pi].goawayReachesClientAt > now {
            let r = dequeueWaiting(client: k)
            let ri = Int(r)
            if requests[ri].waitsForStream { recordQueueWait(r, now: now) }
            let s = allocateClientConnection(client: Int32(k), closedLoop: false, kernel: &kernel)
            let si = Int(s)
            clientConnections[si].serial = clientConnections[pi].serial
            clientConnections[si].worker = clientConnections[pi].worker
            clientConnections[si].proxyHandle = -1
            clientConnections[si].h2Connection = p
            clientConnections[si].h2ConnectionGeneration = clientConnections[pi].generation
            clientConnections[pi].streamsInFlight += 1
            clientConnections[pi].state = .busy
            if metrics.measuring {
                metrics.clientStreams += 1
                metrics.clientPeakStreams = max(metrics.clientPeakStreams, Int64(clientConnections[pi].streamsInFlight))
            }
            if afterHandshake {
                clientConnections[si].state = .busy
                clientConnections[si].request = r
                requests[ri].clientConnection = s
                kernel.schedule(WorldEvent(.requestArrivesAtProxy, r, generation: requests[ri].generation),
                                at: now + tables.clientLink.transferTime(bytes: requests[ri].requestBytes))
                observe(now, .requestSent, request: r, clientConnection: s)
            } else {
                send(r, on: s, now: now, kernel: &kernel)
            }
        }
        guard afterHandshake else { return }
        // What the handshake's batch could not send now waits for a stream.
        var waiting = clients[k].waitingHead
        while waiting >= 0 {
            requests[Int(waiting)].waitsForStream = true
            waiting = requests[Int(waiting)].nextWaiting
        }
    }

    /// A stream's request reaches nginx: the worker processes it, or refuses it.
    mutating func onStreamArrivesAtProxy(_ r: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let s = requests[Int(r)].clientConnection
        let si = Int(s)
        let p = clientConnections[si].h2Connection
        let pi = Int(p)
        let w = Int(clientConnections[pi].worker)
        guard clientConnections[pi].generation == clientConnections[si].h2ConnectionGeneration,
              clientConnections[pi].proxyHandle >= 0, w >= 0 else {
            streamRefused(r, now: now, kernel: &kernel)
            return
        }
        let outcome = proxy.workers[w].streamReceived(
            on: ClientHandle(clientConnections[pi].proxyHandle), streamDriverID: s, proxiedRequest(r), now: now,
            zones: &proxy.zones, actions: &proxy.actions)
        guard case .opened(let handle, let sentGoaway) = outcome else {
            streamRefused(r, now: now, kernel: &kernel)
            return
        }
        clientConnections[si].proxyHandle = handle.rawValue
        if sentGoaway { clientConnections[pi].goawayReachesClientAt = now + delay(tables.clientLink) }
        if metrics.measuring { proxy.stats[w].requests += 1 }
        metrics.proxyInFlight.increment(at: now)
        observe(now, .requestAtProxy, request: r, clientConnection: s, worker: Int32(w))
        perform(worker: w, now: now, kernel: &kernel)
    }

    /// nginx did not process stream `r`: the client learns one one-way delay later.
    mutating func streamRefused(_ r: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        kernel.schedule(WorldEvent(.streamRefusedArrivesAtClient, r, generation: requests[Int(r)].generation),
                        at: now + delay(tables.clientLink))
    }

    /// The client sends a refused stream's request again (RFC 9113 section
    /// 8.7: an unprocessed stream is safe to retry), on a new connection if
    /// its own is going away.
    mutating func onStreamRefusedArrivesAtClient(_ event: WorldEvent, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let r = event.id
        guard requests[Int(r)].generation == event.generation else { return }
        if metrics.measuring { metrics.clientStaleRetries += 1 }
        let s = requests[Int(r)].clientConnection
        requests[Int(r)].clientConnection = -1
        streamEnded(s, now: now, kernel: &kernel)
        submit(r, client: requests[Int(r)].client, now: now, kernel: &kernel)
    }

    /// A stream's response reached the client.
    mutating func streamAnswered(_ s: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        streamEnded(s, now: now, kernel: &kernel)
    }

    /// Stream record `s` is done at the client: its connection has a stream free.
    mutating func streamEnded(_ s: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let si = Int(s)
        let p = clientConnections[si].h2Connection
        clientConnections[si].state = .closed
        clientConnections[si].request = -1
        clientConnections[si].h2Connection = -1
        releaseClientConnectionSlot(s)
        clientConnections[Int(p)].streamsInFlight -= 1
        http2ConnectionChanged(p, now: now, kernel: &kernel)
    }

    /// nginx's FIN on HTTP/2 connection `p` reaches the client: it goes once
    /// its streams are answered (or refused).
    mutating func http2FinArrives(_ p: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let pi = Int(p)
        let k = Int(clientConnections[pi].client)
        clientConnections[pi].finArrived = true
        if clients[k].h2Connection == p { clients[k].h2Connection = -1 }
        if clientConnections[pi].state == .connecting, clients[k].waitingHead >= 0 {
            // Closed at accept (no worker_connections slot): the request that opened it sees a reset.
            failAtClient(dequeueWaiting(client: k), now: now)
        }
        http2ConnectionChanged(p, now: now, kernel: &kernel)
    }

    /// HTTP/2 connection `p` changed at the client (a stream ended, nginx's
    /// FIN arrived, connect() gave up): close it when it is done, send the
    /// waiting requests on it or on a new connection.
    mutating func http2ConnectionChanged(_ p: Int32, now: Instant, kernel: inout SimulationKernel<WorldEvent>) {
        let pi = Int(p)
        let k = Int(clientConnections[pi].client)
        if clientConnections[pi].state != .closed, clientConnections[pi].finArrived, clientConnections[pi].streamsInFlight == 0 {
            clientConnectionClosed(p, now: now, kernel: &kernel, thenFree: false)
        }
        if clientConnections[pi].state == .closed {
            if clients[k].h2Connection == p { clients[k].h2Connection = -1 }
            guard clientConnections[pi].streamsInFlight == 0 else { return }
            releaseClientConnectionSlot(p)
            serveWaiting(client: k, now: now, kernel: &kernel)
            return
        }
        if clientConnections[pi].streamsInFlight == 0, clientConnections[pi].state == .busy { clientConnections[pi].state = .idle }
        serveWaiting(client: k, now: now, kernel: &kernel)
    }
}
