/// The ketama points of a `hash KEY consistent` upstream
/// (`ngx_http_upstream_update_chash` in ngx_http_upstream_hash_module.c).
///
/// Each primary server contributes `160 x weight` points. A point's hash is
/// CRC-32 of `HOST \0 PORT` continued with the previous point's hash as four
/// little-endian bytes (compatible with Cache::Memcached::Fast). Points are
/// sorted by hash; equal hashes keep only the first (nginx uses an unstable
/// `qsort`, so which of two colliding points survives is unspecified there;
/// here the server listed first wins).
@usableFromInline
struct ConsistentHashRing: Sendable {
    @usableFromInline let hashes: [UInt32]
    /// For each point, the name group (see `UpstreamBalancer.nameGroups`) it leads to.
    @usableFromInline let nameGroups: [Int]

    @usableFromInline static let pointsPerWeight = 160

    static let empty = ConsistentHashRing(hashes: [], nameGroups: [])

    private init(hashes: [UInt32], nameGroups: [Int]) {
        self.hashes = hashes
        self.nameGroups = nameGroups
    }

    /// Builds the ring of the primary servers, in config order.
    init(servers: [UpstreamServer], primaries: [Int], nameGroups groupOf: [Int]) {
        var points: [(hash: UInt32, order: Int, group: Int)] = []
        for server in primaries {
            var register = CRC32.initial
            let (host, port) = Self.hostAndPort(servers[server].address)
            register = CRC32.update(register, host)
            register = CRC32.update(register, UInt8(0))
            register = CRC32.update(register, port)
            var previous: UInt32 = 0
            for _ in 0..<(servers[server].weight * Self.pointsPerWeight) {
                var r = register
                for shift in stride(from: 0, to: 32, by: 8) { r = CRC32.update(r, UInt8(truncatingIfNeeded: previous >> UInt32(shift))) }
                let hash = CRC32.finish(r)
                points.append((hash, points.count, groupOf[server]))
                previous = hash
            }
        }
        points.sort { ($0.hash, $0.order) < ($1.hash, $1.order) }
        var hashes: [UInt32] = []
        var groups: [Int] = []
        hashes.reserveCapacity(points.count)
        groups.reserveCapacity(points.count)
        for point in points where hashes.last != point.hash {
            hashes.append(point.hash)
            groups.append(point.group)
        }
        self.init(hashes: hashes, nameGroups: groups)
    }

    /// Splits `host:port` the way nginx does: the port is the digits after the
    /// last colon; `unix:/path` is all host; anything else without such a
    /// port is all host.
    static func hostAndPort(_ address: String) -> (host: [UInt8], port: [UInt8]) {
        let bytes = Array(address.utf8)
        if bytes.count >= 5, String(decoding: bytes[0..<5], as: UTF8.self).lowercased() == "unix:" {
            return (Array(bytes[5...]), [])
        }
        var j = bytes.count
        while j > 0 {
            let c = bytes[j - 1]
            if c == UInt8(ascii: ":") { return (Array(bytes[..<(j - 1)]), Array(bytes[j...])) }
            if c < UInt8(ascii: "0") || c > UInt8(ascii: "9") { break }
            j -= 1
        }
        return (bytes, [])
    }

    @usableFromInline var count: Int { hashes.count }

    /// The index of the first point whose hash is >= `hash`, or `count` when
    /// there is none (callers take it modulo `count`, wrapping around the
    /// ring) — `ngx_http_upstream_find_chash_point`.
    @usableFromInline
    func firstPoint(atOrAfter hash: UInt32) -> Int {
        var low = 0
        var high = hashes.count
        while low < high {
            let mid = (low + high) / 2
            if hash > hashes[mid] { low = mid + 1 } else if hash < hashes[mid] { high = mid } else { return mid }
        }
        return low
    }
}
