/// Failure accounting when a request lets go of its server
/// (`ngx_http_upstream_free_round_robin_peer`; every method uses it).
extension UpstreamBalancer {
    /// Releases a server given by `select`. A failure counts toward
    /// `max_fails`: `fails++`, `accessed = checked = now` (whole seconds),
    /// `effective_weight -= weight / max_fails` (not below 0). Anything else
    /// clears `fails` only if a probe passed since the last failure
    /// (`accessed < checked`): `fail_timeout` is a quiet period after the
    /// last failure, not a sliding window. A single-server upstream keeps no
    /// failure count at all.
    @inlinable
    public mutating func release(server: Int, outcome: PeerReleaseOutcome, now: Instant) {
        defer { peers[server].conns -= 1 }
        if isSingleServer {
            peers[server].fails = 0
            return
        }
        switch outcome {
        case .failed:
            let second = now.wholeSeconds
            peers[server].fails += 1
            peers[server].accessedSecond = second
            peers[server].checkedSecond = second
            let s = settings[server]
            if s.maxFails > 0 {
                peers[server].effectiveWeight -= s.weight / s.maxFails
            }
            if peers[server].effectiveWeight < 0 { peers[server].effectiveWeight = 0 }
        case .notFailed:
            if peers[server].accessedSecond < peers[server].checkedSecond { peers[server].fails = 0 }
        }
    }
}
