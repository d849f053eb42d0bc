import ProxyModel

/// Conservation laws and invariants of the world, checked by tests after a
/// run (and cheap enough to run after every event in a debugging session).
public struct WorldAudit: Sendable, Equatable {
    public var requestsCreated: Int64 = 0
    public var requestsAnswered: Int64 = 0
    public var requestsInFlight: Int = 0
    public var upstreamOpened: Int64 = 0
    public var upstreamClosedByProxy: Int64 = 0
    public var upstreamOpenAtEnd: Int = 0
    public var clientOpened: Int64 = 0
    public var clientOpenAtEnd: Int = 0
    /// The most idle connections any one cache ever held.
    public var largestCacheIdleCount: Int = 0
    /// Broken invariants, each described; empty when all hold.
    public var violations: [String] = []
}

extension World {
    /// Checks the world's bookkeeping against its entities.
    func audit() -> WorldAudit {
        var a = metrics.audit
        a.requestsInFlight = requestSlots.liveCount
        a.upstreamOpenAtEnd = upstreamConnections.count { $0.proxySide != .closed }
        a.clientOpenAtEnd = clientConnections.count { $0.state != .closed }
        for w in workers.indices {
            let worker = workers[w]
            for u in 0..<tables.upstreamCount {
                guard let cache = caches[w * tables.upstreamCount + u] else { continue }
                if cache.count > cache.capacity {
                    a.violations.append("worker \(w) upstream \(u): \(cache.count) idle connections in a cache of \(cache.capacity)")
                }
                let idleHere = upstreamConnections.count { $0.worker == Int32(w) && $0.upstream == Int32(u) && $0.proxySide == .idle }
                if idleHere != cache.count {
                    a.violations.append("worker \(w) upstream \(u): cache holds \(cache.count), \(idleHere) connections are idle")
                }
            }
            let active = upstreamConnections.count { $0.worker == Int32(w) && ($0.proxySide == .active || $0.proxySide == .connecting) }
            let idle = upstreamConnections.count { $0.worker == Int32(w) && $0.proxySide == .idle }
            if worker.budget.count(.activeUpstream) != active || worker.budget.count(.idleUpstream) != idle {
                a.violations.append("worker \(w): budget counts \(worker.budget.count(.activeUpstream)) active and \(worker.budget.count(.idleUpstream)) idle upstream connections, found \(active) and \(idle)")
            }
        }
        if a.upstreamOpened != a.upstreamClosedByProxy + Int64(a.upstreamOpenAtEnd) {
            a.violations.append("upstream: opened \(a.upstreamOpened) != closed \(a.upstreamClosedByProxy) + open \(a.upstreamOpenAtEnd)")
        }
        if a.requestsCreated != a.requestsAnswered + Int64(a.requestsInFlight) {
            a.violations.append("requests: created \(a.requestsCreated) != answered \(a.requestsAnswered) + in flight \(a.requestsInFlight)")
        }
        if metrics.upstreamOpen.current != Int64(a.upstreamOpenAtEnd) {
            a.violations.append("upstream open gauge \(metrics.upstreamOpen.current) != \(a.upstreamOpenAtEnd) open connections")
        }
        return a
    }
}
