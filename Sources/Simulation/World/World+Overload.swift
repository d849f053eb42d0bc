import ProxyModel
import Measurement

/// What a run that overloads shows: SYNs the listeners dropped, their
/// retransmissions, connects that gave up, and which limit was hit.
extension World {
    /// The summary, and the warnings it adds: one per limit hit, except the
    /// ports, which the TIME_WAIT warning already reports.
    func overloadSummary(metrics: WorldMetrics, backends: [BackendState], timeWait: TimeWaitSummary)
        -> (summary: OverloadSummary, warnings: [String]) {
        var s = OverloadSummary()
        s.synRetransmits = metrics.synRetransmits
        s.clientConnectTimeouts = metrics.clientConnectTimeouts
        let retransmits = "SYNs dropped and sent again after 1 s, 3 s, 7 s..."
        if metrics.proxyListenOverflows > 0 {
            s.listenOverflows.append(NamedCount("nginx", metrics.proxyListenOverflows))
            s.limitsHit.append("nginx's listen queue (\(backlogText(model.proxyListenBacklog))) overflowed "
                + "\(NumberText.grouped(metrics.proxyListenOverflows)) times while workers were busy: \(retransmits)")
        }
        for (b, state) in backends.enumerated() where state.listenOverflows > 0 {
            let spec = model.backends[b]
            s.listenOverflows.append(NamedCount("\(spec.name) \(spec.address)", state.listenOverflows))
            s.limitsHit.append("backend \(spec.name) (\(spec.address)) listen queue (\(backlogText(spec.listenBacklog))) "
                + "overflowed \(NumberText.grouped(state.listenOverflows)) times: \(retransmits)")
        }
        let closedAtAccept = metrics.clientClosedByCause[ClientCloseCause.noWorkerSlot.rawValue]
        let answered500 = metrics.errorCauses[NginxErrorCause.noWorkerConnectionSlot.rawValue]
        if closedAtAccept + answered500 > 0 {
            s.limitsHit.append("worker_connections \(model.nginx.workerConnections) ran out: "
                + "\(NumberText.grouped(closedAtAccept)) client connections closed at accept, "
                + "\(NumberText.grouped(answered500)) requests answered 500 (\"worker_connections are not enough\")")
        }
        let warnings = s.limitsHit.map { "overload: " + $0 }
        if timeWait.portExhaustionFailures > 0 {
            s.limitsHit.append("ephemeral ports (\(model.network.ephemeralPorts) per backend address): "
                + "\(NumberText.grouped(timeWait.portExhaustionFailures)) connects failed")
        }
        return (s, warnings)
    }

    private func backlogText(_ backlog: ListenBacklog) -> String {
        let somaxconn = model.network.somaxconn
        switch backlog {
        case .connections(let n) where n > somaxconn: return "backlog \(n), capped at somaxconn \(somaxconn)"
        case .connections(let n): return "backlog \(n)"
        case .somaxconn: return "backlog somaxconn \(somaxconn)"
        }
    }
}
