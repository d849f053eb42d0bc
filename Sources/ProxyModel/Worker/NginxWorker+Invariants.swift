/// The worker's bookkeeping checked against its connections: run by the
/// tests after every simulated run (and cheap enough for a debugging session
/// to run after every input). O(connections).
extension NginxWorker {
    /// Broken invariants, each described; empty when all hold.
    public func invariantViolations() -> [String] {
        var problems: [String] = []
        var active = 0, idle = 0
        var idleByUpstream = [Int](repeating: 0, count: caches.count)
        for slot in upstreams.indices {
            let state = upstreams[slot]
            switch state.phase {
            case .active, .connecting, .relaying: active += 1
            case .idle: idle += 1; idleByUpstream[Int(state.upstream)] += 1
            case .closed: break
            }
        }
        for u in caches.indices {
            guard let cache = caches[u] else {
                if idleByUpstream[u] > 0 { problems.append("worker \(index) upstream \(u): \(idleByUpstream[u]) idle connections without a cache") }
                continue
            }
            if cache.count > cache.capacity {
                problems.append("worker \(index) upstream \(u): \(cache.count) idle connections in a cache of \(cache.capacity)")
            }
            if idleByUpstream[u] != cache.count {
                problems.append("worker \(index) upstream \(u): cache holds \(cache.count), \(idleByUpstream[u]) connections are idle")
            }
        }
        if budget.count(.activeUpstream) != active || budget.count(.idleUpstream) != idle {
            problems.append("worker \(index): budget counts \(budget.count(.activeUpstream)) active and \(budget.count(.idleUpstream)) idle upstream connections, found \(active) and \(idle)")
        }
        var waiting = 0, busy = 0
        var streamsOf = [Int32](repeating: 0, count: clients.count)
        for slot in clients.indices where clients[slot].kind == .stream && clients[slot].phase != .closed {
            streamsOf[Int(clients[slot].parent)] += 1
        }
        for slot in clients.indices {
            let state = clients[slot]
            if state.kind == .http2, state.phase != .closed, state.streams != streamsOf[slot] {
                problems.append("worker \(index) HTTP/2 connection \(slot): counts \(state.streams) streams, \(streamsOf[slot]) are open")
            }
            // A stream is a fake connection: no worker_connections slot.
            if state.kind == .stream { continue }
            switch state.phase {
            case .waiting: waiting += 1
            case .active, .protected: busy += 1
            case .closed: break
            }
        }
        if budget.count(.reusableClient) != waiting || budget.count(.activeClient) != busy {
            problems.append("worker \(index): budget counts \(budget.count(.activeClient)) active and \(budget.count(.reusableClient)) reusable client connections, found \(busy) and \(waiting)")
        }
        return problems
    }

    /// Idle connections of upstream block `u`'s cache (0 without a cache).
    public func idleCount(upstream u: Int) -> Int { caches[u]?.count ?? 0 }
}
