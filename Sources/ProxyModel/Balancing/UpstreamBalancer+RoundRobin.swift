/// Smooth weighted round robin (`ngx_http_upstream_get_round_robin_peer`
/// and `ngx_http_upstream_get_peer`).
extension UpstreamBalancer {
    @inlinable
    mutating func selectRoundRobin(second: Int64, request: inout PeerRequestState) -> Int? {
        if isSingleServer {
            // peers->single: no tried check, no fail accounting, no `checked` update.
            let server = primaries[0]
            if settings[server].isDown || isAtMaxConns(server) { return nil }
            peers[server].conns += 1
            return server
        }
        if !request.usingBackups {
            if let server = smoothWeightedPick(among: primaries, second: second, tried: request.tried) {
                commitSelection(server, second: second, request: &request)
                return server
            }
            if backups.isEmpty { return nil }
            // The `failed:` path: switch this request to the backups for good, with a clean tried set.
            request.usingBackups = true
            request.tried.removeAll()
        }
        guard let server = smoothWeightedPick(among: backups, second: second, tried: request.tried) else { return nil }
        commitSelection(server, second: second, request: &request)
        return server
    }

    /// One pass in config order over the group: every selectable server gains
    /// its effective weight; the highest current weight wins (ties: the
    /// earlier server) and pays back the total. With `nameGroup` >= 0 only the
    /// servers of that name take part (consistent hash). The caller commits
    /// the winner.
    @inlinable
    mutating func smoothWeightedPick(among group: [Int], second: Int64, tried: TriedServers, nameGroup: Int = -1) -> Int? {
        var best = -1
        var total = 0
        for server in group where isSelectable(server, second: second, tried: tried) {
            if nameGroup >= 0, nameGroups[server] != nameGroup { continue }
            considerSmoothly(server, total: &total)
            if best < 0 || peers[server].currentWeight > peers[best].currentWeight { best = server }
        }
        if best < 0 { return nil }
        peers[best].currentWeight -= total
        return best
    }
}
