/// Failed attempts and what nginx does next (ngx_http_upstream_next): the
/// backend's FIN or RST on a busy connection (the stale-connection race of
/// nginx-semantics.md section 2), connect and read timeouts, connect
/// failures, no live upstreams, no `worker_connections` slot.
extension NginxWorker {
    /// Why a connect() the worker asked for failed at once.
    public enum ConnectFailure: Hashable, Sendable {
        /// EADDRNOTAVAIL: no local port toward that server (TIME_WAIT or open
        /// connections hold them all).
        case noLocalPort
        /// ETIMEDOUT: the kernel retransmitted the SYN `tcp_syn_retries` times
        /// without an answer (the backend's accept queue stayed full).
        case timedOut

        @usableFromInline var cause: NginxErrorCause {
            switch self {
            case .noLocalPort: return .connectFailedNoLocalPort
            case .timedOut: return .connectFailedTimedOut
            }
        }
    }

    /// connect() failed for the connection the worker asked for, at once
    /// (ngx_event_connect_peer declines) or when the kernel gave up on the
    /// handshake: an FT_ERROR before anything was sent.
    @inlinable
    public mutating func upstreamConnectFailed(_ handle: UpstreamHandle, _ failure: ConnectFailure, now: Instant,
                                               zones: inout SharedUpstreamZones, actions: inout NginxWorkerActions) {
        let c = Int(handle.rawValue)
        guard upstreams[c].phase == .connecting else { return }
        let h = Int(upstreams[c].client)
        // Never opened, so nothing to close: the slot just comes back.
        slots.release(.activeUpstream)
        upstreams[c].phase = .closed
        upstreams[c].client = -1
        upstreamSlots.release(Int32(c))
        clients[h].upstream = -1
        decide(ClientHandle(Int32(h)), .attemptFailed(.error, on: .fresh(requestSent: false)), cause: failure.cause,
               now: now, zones: &zones, actions: &actions)
    }

    /// The backend's FIN or RST reached the worker on connection `handle`: an
    /// idle cached connection is removed by its close handler
    /// (ngx_http_upstream_keepalive_close_handler); a busy one fails its
    /// attempt ("upstream prematurely closed connection" / "Connection reset by
    /// peer"). Returns false when the worker had already closed its end.
    @inlinable @discardableResult
    public mutating func upstreamClosedByPeer(_ handle: UpstreamHandle, now: Instant, zones: inout SharedUpstreamZones,
                                              actions: inout NginxWorkerActions) -> Bool {
        let c = Int(handle.rawValue)
        switch upstreams[c].phase {
        case .closed:
            return false
        case .relaying:
            // The response is complete; the release will see the eof.
            upstreams[c].peerClosed = true
        case .idle:
            let u = Int(upstreams[c].upstream)
            _ = caches[u]?.remove(UpstreamConnectionID(Int32(c)))
            rearmCacheTimer(upstream: u, actions: &actions)
            closeUpstream(c, reason: .backendClosedWhileIdle, actions: &actions)
        case .active, .connecting:
            guard upstreams[c].client >= 0 else {
                closeUpstream(c, reason: .backendClosedAfterResponse, actions: &actions)
                return true
            }
            actions.append(.cancelUpstreamTimer(upstream: upstreams[c].driverID))
            let use: UpstreamConnectionUse = upstreams[c].cached ? .cached : .fresh(requestSent: upstreams[c].phase == .active)
            failAttempt(c, .error, use: use, cause: upstreams[c].cached ? .upstreamClosedStale : .upstreamClosed,
                        now: now, zones: &zones, actions: &actions)
        }
        return true
    }

    /// The connection's timer fired: `proxy_connect_timeout` while connecting,
    /// `proxy_read_timeout` while waiting for the response header. A stale or
    /// early timer changes nothing.
    @inlinable
    public mutating func upstreamTimerFired(_ handle: UpstreamHandle, now: Instant, zones: inout SharedUpstreamZones,
                                            actions: inout NginxWorkerActions) {
        let c = Int(handle.rawValue)
        let phase = upstreams[c].phase
        guard phase == .active || phase == .connecting, upstreams[c].client >= 0, upstreams[c].deadline <= now else { return }
        if phase == .connecting {
            failAttempt(c, .timeout, use: .fresh(requestSent: false), cause: .connectTimeout, now: now, zones: &zones, actions: &actions)
        } else {
            failAttempt(c, .timeout, use: upstreams[c].cached ? .cached : .fresh(requestSent: true), cause: .readTimeout,
                        now: now, zones: &zones, actions: &actions)
        }
    }

    /// An attempt failed on connection `c`: ngx_http_upstream_next, which
    /// closes it before trying again or answering.
    @inlinable
    mutating func failAttempt(_ c: Int, _ failure: UpstreamFailure, use: UpstreamConnectionUse, cause: NginxErrorCause,
                              now: Instant, zones: inout SharedUpstreamZones, actions: inout NginxWorkerActions) {
        let h = Int(upstreams[c].client)
        clients[h].upstream = -1
        decide(ClientHandle(Int32(h)), .attemptFailed(failure, on: use), cause: cause, failedConnection: c, now: now,
               zones: &zones, actions: &actions)
    }

    /// Applies the retry machine's decision for the request on `handle`:
    /// release the server as it says, close the failed connection if any,
    /// then try again or answer the client.
    @inlinable
    mutating func decide(_ handle: ClientHandle, _ event: NextUpstreamEvent, cause: NginxErrorCause,
                         failedConnection c: Int? = nil, now: Instant, zones: inout SharedUpstreamZones,
                         actions: inout NginxWorkerActions) {
        let h = Int(handle.rawValue)
        let decision = clients[h].retry!.handle(event, now: now)
        let server = Int(clients[h].server)
        if let outcome = decision.releaseOutcome, server >= 0 {
            releaseServer(Int(plan.upstreamOfLocation[Int(clients[h].location)]), server, outcome, now: now, zones: &zones)
        }
        let clientID = clients[h].driverID
        actions.append(.attemptFailed(client: clientID, upstream: c.map { upstreams[$0].driverID } ?? -1, cause: cause,
                                      retried: decision.isRetry))
        if let c { closeUpstream(c, reason: .failedAttempt, actions: &actions) }
        switch decision {
        case .retry:
            actions.append(.retry(client: clientID))
            attempt(handle, now: now, zones: &zones, actions: &actions)
        case .respond(let status, _):
            respond(handle, status: status, cause: cause, now: now, actions: &actions)
        case .passResponseThrough:
            break
        }
    }
}
