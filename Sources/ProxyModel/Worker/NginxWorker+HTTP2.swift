/// HTTP/2 client connections (ngx_http_v2.c): one connection carries many
/// requests at once, each on its own stream, and each stream's request goes
/// through the upstream machinery on its own — so N streams in progress need
/// N upstream connections from the worker's pool at once, however few client
/// connections carry them.
///
/// What nginx decides per connection: the stream limit
/// (`http2_max_concurrent_streams`), the keepalive checks as each stream
/// starts (`keepalive_requests` counts streams; reaching it, or
/// `keepalive_time`, makes nginx send GOAWAY and skip later streams), and
/// `keepalive_timeout` once the last stream has ended (before 1.19.7:
/// `http2_idle_timeout`, `http2_max_requests`; see `HTTP2Settings`).
extension NginxWorker {
    /// What became of a stream a client opened on an HTTP/2 connection.
    public enum StreamOutcome: Hashable, Sendable {
        /// nginx processes it: the stream's handle (its request's actions name
        /// the stream's driver id); `sentGoaway`: this stream made nginx send
        /// GOAWAY (it is the connection's last; later ones are skipped).
        case opened(ClientHandle, sentGoaway: Bool)
        /// nginx does not process it, and nothing was done: the connection is
        /// closed, or sent GOAWAY before (ngx_http_v2_state_headers skips the
        /// HEADERS frame), or already has `http2_max_concurrent_streams`
        /// streams in progress (RST_STREAM, REFUSED_STREAM). Either way the
        /// request was not processed, and the client may send it again on
        /// another connection (RFC 9113 section 8.7).
        case refused
    }

    /// A stream's request head was read on HTTP/2 connection `connection`
    /// (ngx_http_v2_state_headers, ngx_http_v2_create_stream): counts it
    /// toward `keepalive_requests`, stops the connection's idle timer, and
    /// starts the stream's request like any other (its own balancer state,
    /// retries and upstream connection). `streamDriverID` is the driver's id
    /// for the stream: the actions of its request name it.
    @inlinable
    public mutating func streamReceived(
        on connection: ClientHandle, streamDriverID: Int32, _ request: ProxiedRequest, now: Instant,
        zones: inout SharedUpstreamZones, actions: inout NginxWorkerActions
    ) -> StreamOutcome {
        let p = Int(connection.rawValue)
        guard let settings = plan.http2, clients[p].kind == .http2, clients[p].phase != .closed, !clients[p].goaway,
              Int(clients[p].streams) < settings.maxConcurrentStreams else { return .refused }
        if clients[p].streams == 0 {
            // ngx_http_v2_create_stream removes the idle timer; the connection is no longer reusable.
            actions.append(.cancelClientTimer(client: clients[p].driverID))
            if clients[p].phase == .waiting { slots.move(from: .reusableClient, to: .activeClient) }
            clients[p].phase = .active
        }
        clients[p].streams += 1
        clients[p].requests += 1
        // ngx_http_v2_state_headers, after the stream is created: the same checks as HTTP/1.1's
        // keepalive, with the stream counted; failing one sends GOAWAY (NO_ERROR).
        let decision = settings.keepalive.decide(
            httpVersion: .http11, connectionHeader: .absent, requestNumber: Int(clients[p].requests),
            connectionOpenedAt: clients[p].acceptedAt, now: now)
        if case .close(let reason) = decision {
            clients[p].goaway = true
            clients[p].closeReason = ClientCloseCause(reason)
        }
        var stream = ClientConnectionState(driverID: streamDriverID, acceptedAt: now)
        stream.kind = .stream
        stream.parent = Int32(p)
        stream.phase = .active
        let s = allocateClientEntry(stream)
        startUpstream(ClientHandle(s), request, now: now, zones: &zones, actions: &actions)
        return .opened(ClientHandle(s), sentGoaway: clients[p].goaway)
    }

    /// nginx answers a stream's request and closes the stream
    /// (ngx_http_v2_close_stream); when it was the connection's last, the
    /// connection goes idle for `keepalive_timeout`
    /// (ngx_http_v2_handle_connection), or closes after GOAWAY
    /// (ngx_http_v2_lingering_close). An error status nginx generated
    /// itself ends only the stream, never the connection.
    @inlinable
    mutating func respondOnStream(_ s: Int, status: Int, cause: NginxErrorCause?, now: Instant,
                                  actions: inout NginxWorkerActions) {
        let p = Int(clients[s].parent)
        actions.append(.respond(client: clients[s].driverID, status: Int16(clamping: status), closeReason: nil, cause: cause,
                                timerAt: .distantFuture))
        clients[s].retry = nil
        clients[s].upstream = -1
        forgetClient(s)
        clients[p].streams -= 1
        guard clients[p].streams == 0 else { return }
        if clients[p].goaway {
            slots.release(.activeClient)
            actions.append(.closeClient(client: clients[p].driverID, reason: clients[p].closeReason ?? .idleTimeout))
            forgetClient(p)
            return
        }
        clients[p].phase = .waiting
        clients[p].idleSince = now
        slots.move(from: .activeClient, to: .reusableClient)
        actions.append(.armClientTimer(client: clients[p].driverID, at: keepalivePolicy(of: p).idleDeadline(responseFinishedAt: now)))
    }

    /// The keepalive rules of client entry `h`: HTTP/2's for an HTTP/2 connection.
    @inlinable
    func keepalivePolicy(of h: Int) -> ClientKeepalivePolicy {
        clients[h].kind == .http2 ? plan.http2?.keepalive ?? plan.client : plan.client
    }
}
