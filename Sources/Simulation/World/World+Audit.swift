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
        a.upstreamOpenAtEnd = upstreamConnections.count { $0.proxyHandle >= 0 }
        a.clientOpenAtEnd = clientConnections.count { $0.state != .closed }
        var openAtWorkers = 0
        for w in workers.indices {
            a.violations += workers[w].invariantViolations()
            openAtWorkers += workers[w].openUpstreamConnections
        }
        if openAtWorkers != a.upstreamOpenAtEnd {
            a.violations.append("upstream: the workers hold \(openAtWorkers) open connections, the network \(a.upstreamOpenAtEnd)")
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
