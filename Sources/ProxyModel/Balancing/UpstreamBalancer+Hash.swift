/// `hash KEY` (`ngx_http_upstream_get_hash_peer`): the key's CRC-32 picks a
/// point on the weighted server list; an unusable pick is re-hashed with a
/// numeric prefix; after 20 unusable picks the request falls back to round
/// robin. The pick itself changes no weights.
extension UpstreamBalancer {
    /// nginx gives up hashing after this many unusable picks (`hp->tries > 20`).
    public static let hashAttemptsBeforeRoundRobin = 20

    @usableFromInline
    mutating func selectHash(second: Int64, request: inout PeerRequestState) -> Int? {
        if request.hashTries > Self.hashAttemptsBeforeRoundRobin || primaries.count < 2 || request.hashKey.isEmpty {
            return selectRoundRobin(second: second, request: &request)
        }
        while true {
            // Compatible with Cache::Memcached: ((crc32([REHASH] KEY) >> 16) & 0x7fff) + PREV_HASH.
            let hash = (request.hashKey.checksum(rehash: request.rehash) >> 16) & 0x7FFF
            request.hashCursor &+= UInt64(hash)
            request.rehash += 1
            let server = serverOnWeightedList(request.hashCursor)
            if isSelectable(server, second: second, tried: request.tried) {
                commitSelection(server, second: second, request: &request)
                return server
            }
            request.hashTries += 1
            if request.hashTries > Self.hashAttemptsBeforeRoundRobin {
                return selectRoundRobin(second: second, request: &request)
            }
        }
    }

    /// `w = hash % total_weight`, then walk the primaries subtracting weights
    /// (`down` servers take their share too).
    @usableFromInline
    func serverOnWeightedList(_ hash: UInt64) -> Int {
        var w = Int(hash % UInt64(primaryTotalWeight))
        for server in primaries {
            if w < settings[server].weight { return server }
            w -= settings[server].weight
        }
        return primaries[primaries.count - 1]  // unreachable: w < total weight
    }
}
