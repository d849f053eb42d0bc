/// `least_conn` (`ngx_http_upstream_get_least_conn_peer`): the fewest
/// in-flight requests per unit of weight, ties settled by a smooth weighted
/// round-robin pass over the tied servers.
extension UpstreamBalancer {
    @inlinable
    mutating func selectLeastConn(second: Int64, request: inout PeerRequestState) -> Int? {
        if isSingleServer { return selectRoundRobin(second: second, request: &request) }
        if !request.usingBackups {
            if let server = leastConnPick(among: primaries, second: second, request: &request) { return server }
            if backups.isEmpty { return nil }
            request.usingBackups = true
            request.tried.removeAll()
        }
        return leastConnPick(among: backups, second: second, request: &request)
    }

    @inlinable
    mutating func leastConnPick(among group: [Int], second: Int64, request: inout PeerRequestState) -> Int? {
        var best = -1
        var bestPosition = 0
        var many = false
        for position in group.indices {
            let server = group[position]
            if !isSelectable(server, second: second, tried: request.tried) { continue }
            // conns/weight compared by cross-multiplying, as nginx does.
            if best < 0 || peers[server].conns * settings[best].weight < peers[best].conns * settings[server].weight {
                best = server
                bestPosition = position
                many = false
            } else if peers[server].conns * settings[best].weight == peers[best].conns * settings[server].weight {
                many = true
            }
        }
        if best < 0 { return nil }
        var total = 0
        if many {
            // From the first tied server on, a smooth weighted pass over the tied ones.
            for position in bestPosition..<group.count {
                let server = group[position]
                if request.tried.contains(server) || settings[server].isDown { continue }
                if peers[server].conns * settings[best].weight != peers[best].conns * settings[server].weight { continue }
                if isFailedOut(server, second: second) || isAtMaxConns(server) { continue }
                considerSmoothly(server, total: &total)
                if peers[server].currentWeight > peers[best].currentWeight { best = server }
            }
        }
        peers[best].currentWeight -= total
        commitSelection(best, second: second, request: &request)
        return best
    }
}
