/// `hash KEY consistent` (`ngx_http_upstream_get_chash_peer`): start at the
/// first ring point at or after crc32(key); take that point's server (a smooth
/// weighted pass among usable servers of that name); if none is usable, step
/// to the next point; after 20 steps fall back to round robin.
extension UpstreamBalancer {
    @usableFromInline
    mutating func selectConsistentHash(second: Int64, request: inout PeerRequestState) -> Int? {
        if request.hashTries > Self.hashAttemptsBeforeRoundRobin || isSingleServer || request.hashKey.isEmpty {
            return selectRoundRobin(second: second, request: &request)
        }
        if ring.count == 0 { return nil }
        while true {
            let group = ring.nameGroups[Int(request.hashCursor % UInt64(ring.count))]
            if let server = smoothWeightedPick(among: primaries, second: second, tried: request.tried, nameGroup: group) {
                commitSelection(server, second: second, request: &request)
                return server
            }
            request.hashCursor &+= 1
            request.hashTries += 1
            if request.hashTries > Self.hashAttemptsBeforeRoundRobin {
                return selectRoundRobin(second: second, request: &request)
            }
        }
    }
}
