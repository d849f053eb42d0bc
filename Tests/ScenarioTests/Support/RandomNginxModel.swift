import Randomness

/// Random model files whose nginx section uses every directive nginx.conf
/// can express, for the import/export round trip.
enum RandomNginxModel {
    static func text(_ random: inout SplitMix64) -> String {
        let modern = random.chance(1, in: 3)
        var nginx: [String] = ["version: \"\(modern ? random.pick(["1.29.7", "1.30.0"]) : random.pick(["1.22.1", "1.18.0", "1.26.2"]))\""]
        if random.chance(1, in: 2) { nginx.append("worker_processes: \(1 + random.below(8))") }
        if random.chance(1, in: 2) { nginx.append("worker_connections: \(64 + random.below(4000))") }
        // accept_mutex_delay with accept_mutex on, and multi_accept on, are refused (not simulated).
        let mutex = random.chance(1, in: 2)
        if random.chance(1, in: 2) { nginx.append("accept_mutex: \(mutex)") }
        if !mutex, random.chance(1, in: 2) { nginx.append("accept_mutex_delay: \"\(random.pick(["100ms", "500ms", "2s"]))\"") }
        if random.chance(1, in: 2) { nginx.append("multi_accept: false") }
        // reuseport: false and balancing: "round_robin" have no directive: written, they come back as nginx's default.
        if random.chance(1, in: 4) { nginx.append("reuseport: true") }
        if random.chance(1, in: 2) { nginx.append("keepalive_timeout: \"\(random.pick(["0s", "5s", "75s", "1500ms"]))\"") }
        if random.chance(1, in: 2) { nginx.append("keepalive_requests: \(random.below(2000))") }
        if random.chance(1, in: 2) { nginx.append("keepalive_time: \"\(random.pick(["1h", "10m", "30s"]))\"") }

        let upstreamCount = 1 + random.below(3)
        var upstreams: [String] = []
        for u in 0..<upstreamCount {
            var block: [String] = ["servers: [" + servers(upstream: u, &random).joined(separator: ", ") + "]"]
            let balancing: String? = random.chance(1, in: 2) ? random.pick(["least_conn", "hash", "hash_consistent", "ip_hash"]) : nil
            if let balancing { block.append("balancing: \"\(balancing)\"") }
            if let balancing, balancing.hasPrefix("hash") { block.append("hash_key: \"\(random.pick(["$request_uri", "$remote_addr"]))\"") }
            if random.chance(2, in: 3) {
                block.append("keepalive: \(random.below(64) + (modern ? 0 : 1))")
                if modern, random.chance(1, in: 3) { block.append("keepalive_local: true") }
                if balancing != nil, random.chance(1, in: 3) { block.append("balancing_after_keepalive: true") }
            }
            if random.chance(1, in: 2) { block.append("keepalive_timeout: \"\(random.pick(["4s", "60s", "250ms"]))\"") }
            if random.chance(1, in: 2) { block.append("keepalive_requests: \(random.below(5000))") }
            if random.chance(1, in: 2) { block.append("keepalive_time: \"\(random.pick(["1h", "90s"]))\"") }
            if random.chance(1, in: 2) { block.append("zone: \"z\(u)\"") }
            upstreams.append("u\(u): { " + block.joined(separator: ", ") + " }")
        }

        var locations: [String] = []
        let paths = ["/", "/api/", "= /exact", "~ ^/re", "/with space", "^~ /static/"]
        for (index, path) in paths.prefix(upstreamCount + random.below(3)).enumerated() {
            let target = index < upstreamCount ? "u\(index)" : random.chance(1, in: 2) ? "u0" : "http://10.9.0.\(index):80"
            var location = ["proxy_pass: \"\(target)\""]
            if random.chance(1, in: 2) { location.append("proxy_http_version: \"\(random.pick(["1.0", "1.1"]))\"") }
            if random.chance(1, in: 2) { location.append("proxy_set_header_connection: \"\(random.pick(["", "close", "keep-alive", "upgrade_map_close", "upgrade_map_empty", "upgrade_map_keep-alive"]))\"") }
            if random.chance(1, in: 2) { location.append("proxy_next_upstream: " + random.pick(["[\"off\"]", "[\"error\", \"timeout\"]", "[\"error\", \"http_502\", \"non_idempotent\"]"])) }
            if random.chance(1, in: 2) { location.append("proxy_next_upstream_tries: \(random.below(5))") }
            if random.chance(1, in: 2) { location.append("proxy_next_upstream_timeout: \"\(random.pick(["0s", "10s"]))\"") }
            if random.chance(1, in: 2) { location.append("proxy_connect_timeout: \"\(random.pick(["1s", "60s", "300ms"]))\"") }
            if random.chance(1, in: 2) { location.append("proxy_read_timeout: \"\(random.pick(["5s", "60s"]))\"") }
            if random.chance(1, in: 2) { location.append("proxy_send_timeout: \"\(random.pick(["5s", "60s"]))\"") }
            if random.chance(1, in: 2) { location.append("proxy_buffering: \(random.chance(1, in: 2))") }
            if random.chance(1, in: 2) { location.append("proxy_request_buffering: \(random.chance(1, in: 2))") }
            locations.append("\"\(path)\": { " + location.joined(separator: ", ") + " }")
        }
        nginx.append("upstreams: { " + upstreams.joined(separator: ", ") + " }")
        nginx.append("locations: { " + locations.joined(separator: ", ") + " }")
        return "{ nginx: { " + nginx.joined(separator: ",\n") + " }, backends: { b: {} } }\n"
    }

    private static func servers(upstream: Int, _ random: inout SplitMix64) -> [String] {
        (0...random.below(3)).map { s in
            // Now and then an address another upstream has too: one backend process behind both.
            let address = random.chance(1, in: 5) ? "10.0.0.1:80" : "10.0.\(upstream).\(s + 1):8080"
            var parameters = ["address: \"\(address)\""]
            if random.chance(1, in: 2) { parameters.append("weight: \(1 + random.below(5))") }
            if random.chance(1, in: 2) { parameters.append("max_fails: \(random.below(4))") }
            if random.chance(1, in: 2) { parameters.append("fail_timeout: \"\(random.pick(["5s", "30s", "1m"]))\"") }
            if random.chance(1, in: 2) { parameters.append("max_conns: \(random.below(100))") }
            if s > 0, random.chance(1, in: 5) { parameters.append("backup: true") }
            if random.chance(1, in: 6) { parameters.append("down: true") }
            return "{ " + parameters.joined(separator: ", ") + " }"
        }
    }
}
