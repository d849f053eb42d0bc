/// `ip_hash` (`ngx_http_upstream_get_ip_hash_peer`): the first three octets
/// of the client's IPv4 address, mixed as `hash = (hash * 113 + octet) % 6271`
/// from 89; an unusable pick mixes the octets in again; after 20 unusable
/// picks the request falls back to round robin.
extension UpstreamBalancer {
    @usableFromInline
    mutating func selectIPHash(second: Int64, request: inout PeerRequestState) -> Int? {
        if request.hashTries > Self.hashAttemptsBeforeRoundRobin || primaries.count < 2 {
            return selectRoundRobin(second: second, request: &request)
        }
        // Start from the hash of the last successful pick; it is saved only on success.
        var hash = request.hashCursor
        let address = UInt64(request.clientAddress)
        while true {
            for shift in stride(from: UInt64(24), through: 8, by: -8) {  // the first three octets, in network order
                hash = (hash * 113 + ((address >> shift) & 0xFF)) % 6271
            }
            let server = serverOnWeightedList(hash)
            if isSelectable(server, second: second, tried: request.tried) {
                commitSelection(server, second: second, request: &request)
                request.hashCursor = hash
                return server
            }
            request.hashTries += 1
            if request.hashTries > Self.hashAttemptsBeforeRoundRobin {
                return selectRoundRobin(second: second, request: &request)
            }
        }
    }
}
