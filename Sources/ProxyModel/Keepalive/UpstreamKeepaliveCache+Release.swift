/// Releasing a connection after an attempt: the store conditions of
/// `ngx_http_upstream_free_keepalive_peer`, checked in nginx's order.
extension UpstreamKeepaliveCache {
    /// Why a released connection may not be cached, or nil if it may.
    ///
    /// In nginx's order: failed attempt or eof/error on the connection;
    /// `requests >= keepalive_requests` (the count includes this request, so a
    /// connection serves exactly N requests; nginx sends no `Connection: close`
    /// on the last); age `> keepalive_time` (checked only here, so a connection
    /// that aged out while idle is still used once more); the response not
    /// keepalive-able; the request body not fully sent; the worker exiting.
    @inlinable
    public func refusal(for end: UpstreamAttemptEnd, now: Instant) -> UpstreamCloseReason? {
        if end.attemptFailed { return .failedAttempt }
        if end.backendClosed { return .backendClosedAfterResponse }
        if let limit = settings.keepaliveRequests, end.requestsServed >= limit { return .keepaliveRequestsReached }
        if let maxAge = settings.keepaliveTime, now - end.openedAt > maxAge { return .keepaliveTimeExceeded }
        if let reason = end.response.closeReason { return reason }
        if !end.requestBodyFullySent { return .requestBodyNotFullySent }
        if end.workerExiting { return .workerExiting }
        return nil
    }

    /// Gives a connection back after an attempt: stores it (possibly evicting
    /// the least recently stored idle connection) or says why it must be closed.
    /// `address` is the chosen server's address key (`EffectiveUpstream.addressKeys`),
    /// `location` the index of the location that used it.
    @inlinable
    public mutating func release(
        _ connection: UpstreamConnectionID, address: Int32, location: Int32, end: UpstreamAttemptEnd, now: Instant
    ) -> UpstreamReleaseDecision {
        if let reason = refusal(for: end, now: now) { return .closed(reason) }
        if capacity == 0 { return .closed(.reuseInactive) }
        return .stored(evicted: store(connection, address: address, location: location, now: now))
    }
}
