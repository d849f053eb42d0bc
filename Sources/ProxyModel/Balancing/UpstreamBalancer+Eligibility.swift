/// The checks and bookkeeping every selection method shares
/// (the skip conditions repeated in each `get_*_peer` of nginx).
extension UpstreamBalancer {
    /// `max_fails` reached and still inside the quiet period:
    /// `max_fails && fails >= max_fails && now - checked <= fail_timeout`.
    @inlinable
    func isFailedOut(_ server: Int, second: Int64) -> Bool {
        let s = settings[server]
        let p = peers[server]
        return s.maxFails > 0 && p.fails >= s.maxFails && second - p.checkedSecond <= s.failTimeoutSeconds
    }

    @inlinable
    func isAtMaxConns(_ server: Int) -> Bool {
        let limit = settings[server].maxConns
        return limit > 0 && peers[server].conns >= limit
    }

    /// Whether a server may be given to this request now: not tried, not
    /// down, not failed-out, not at max_conns (in nginx's order).
    @inlinable
    func isSelectable(_ server: Int, second: Int64, tried: TriedServers) -> Bool {
        !tried.contains(server) && !settings[server].isDown && !isFailedOut(server, second: second)
            && !isAtMaxConns(server)
    }

    /// One smooth-weighted-round-robin consideration of a server:
    /// `current_weight += effective_weight`, the total grows by it, and
    /// `effective_weight` recovers by 1 toward `weight`.
    @inlinable
    mutating func considerSmoothly(_ server: Int, total: inout Int) {
        let effective = peers[server].effectiveWeight
        peers[server].currentWeight += effective
        total += effective
        if effective < settings[server].weight { peers[server].effectiveWeight = effective + 1 }
    }

    /// What every method does to the server it picked: mark it tried, start
    /// a new quiet-period clock if the old one ran out (`checked = now`,
    /// which makes a recovering server ineligible again: the one probe), and
    /// count the request in `conns`.
    @inlinable
    mutating func commitSelection(_ server: Int, second: Int64, request: inout PeerRequestState) {
        request.tried.insert(server)
        if second - peers[server].checkedSecond > settings[server].failTimeoutSeconds {
            peers[server].checkedSecond = second
        }
        peers[server].conns += 1
    }
}
