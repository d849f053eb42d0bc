import ProxyModel
import Measurement

/// The warnings that say what drove a run's result, each with the run's own
/// counts, once per upstream or backend definition (never once per server:
/// a backend's instances share one warning).
extension World {
    /// Backend definitions among `instances`, in order of first appearance, each with its instances.
    func backendGroups(_ instances: [Int]) -> [(name: String, instances: [Int])] {
        var groups: [(name: String, instances: [Int])] = []
        for b in instances {
            let name = model.backends[b].name
            if let g = groups.firstIndex(where: { $0.name == name }) {
                if !groups[g].instances.contains(b) { groups[g].instances.append(b) }
            } else {
                groups.append((name, [b]))
            }
        }
        return groups
    }

    /// `backend app (10.0.0.1:8080)`, or `backend app (3 instances)`.
    func backendLabel(_ group: (name: String, instances: [Int])) -> String {
        let who = group.instances.count == 1 ? model.backends[group.instances[0]].address : "\(group.instances.count) instances"
        return "backend \(group.name) (\(who))"
    }

    /// A backend that closes idle connections before nginx's upstream
    /// `keepalive_timeout` (nginx-semantics.md section 8.2): how many idle
    /// closes the run had, how many met a request (the race) and why the
    /// others did not — their FIN reached nginx while the connection sat
    /// idle in the cache, and nginx closed it (ngx_http_upstream_keepalive_close_handler).
    func staleConnectionWarnings(backends summaries: [BackendSummary]) -> [String] {
        var result: [String] = []
        for (u, upstream) in model.nginx.upstreams.enumerated() {
            guard let settings = upstream.cache.settings,
                  model.nginx.locations.contains(where: { $0.upstreamIndex == u && $0.reuse.isActive }) else { continue }
            for group in backendGroups(model.serverBackends[u]) {
                let spec = model.backends[group.instances[0]]
                let race = IdleCloseRace(nginxKeepaliveTimeout: settings.keepaliveTimeout, backend: spec.keepalive,
                                         responseReadDelay: model.network.proxyToBackend.oneWay)
                guard race.firstCloser == .backend || race.firstCloser == .simultaneous,
                      let backendTimeout = spec.keepalive.effectiveIdleTimeout else { continue }
                let members = group.instances.map { summaries[$0] }
                let idleCloses = members.reduce(UInt64(0)) { total, backend in
                    total + (backend.closedByReason.first { $0.name == BackendSideCloseReason.idleTimeout.reportName }?.count ?? 0)
                }
                let retried = members.reduce(UInt64(0)) { $0 + $1.staleFailuresRetried }
                let surfaced = members.reduce(UInt64(0)) { $0 + $1.staleFailuresSurfaced }
                let nginxTimeout = settings.keepaliveTimeout.map { "\($0)" } ?? "none"
                var text = "\(backendLabel(group)) closes idle connections after \(backendTimeout), before nginx's upstream "
                    + "keepalive_timeout \(nginxTimeout) in upstream \(upstream.name): stale-connection races; "
                if idleCloses == 0 {
                    text += "in this run no connection sat idle that long (0 idle closes), so none happened; at lower traffic they would"
                } else {
                    let met = retried + surfaced
                    let window = NumberText.milliseconds(nanoseconds: model.network.proxyToBackend.oneWay.nanoseconds)
                    text += "in this run it closed \(NumberText.grouped(idleCloses)) idle connection\(idleCloses == 1 ? "" : "s"), "
                        + "\(NumberText.grouped(met)) request\(met == 1 ? "" : "s") met one (\(NumberText.grouped(retried)) retried, "
                        + "\(NumberText.grouped(surfaced)) answered with an error); the other closes reached nginx while the "
                        + "connection sat idle, and nginx closed it (a request must take the connection in the \(window) ms its FIN travels)"
                }
                result.append(text + "; set keepalive_timeout in upstream \(upstream.name) below \(backendTimeout)")
            }
        }
        return result
    }

    /// Requests that waited for their client's own connection to nginx: the
    /// latency from the intended send grows while nginx and the backends see
    /// nothing of it (the clients' limit, not the proxy's).
    func clientQueueingWarning(latency: LatencySummary, fromSend: LatencySummary, client: ClientSummary, sent: UInt64) -> String? {
        guard client.queuedForConnection > 0, let p99 = latency.p99, let p99FromSend = fromSend.p99,
              p99 >= 1.5 * p99FromSend, p99 - p99FromSend >= 1 else { return nil }
        let share = NumberText.percent(Double(client.queuedForConnection) / Double(max(1, sent)))
        let wait = [("mean", client.queueWaitMeanMs), ("p99", client.queueWaitP99Ms)].compactMap { name, value in
            value.map { "\(name) \(NumberText.fixed($0, fractionDigits: 1) ?? "-") ms" }
        }.joined(separator: ", ")
        let clients = model.traffic.clients, perClient = model.traffic.connectionsPerClient
        return "clients queued \(NumberText.grouped(client.queuedForConnection)) requests (\(share) of those sent) for a free "
            + "connection of their own to nginx (wait \(wait)): p99 is \(NumberText.fixed(p99, fractionDigits: 1) ?? "-") ms "
            + "from the intended send vs \(NumberText.fixed(p99FromSend, fractionDigits: 1) ?? "-") ms from the actual send. "
            + "traffic.clients \(clients) x traffic.connections_per_client \(perClient) allow \(NumberText.grouped(clients * perClient)) "
            + "connections, and a client's request waits while all of its connections are busy; if the real clients open "
            + "more, raise traffic.connections_per_client\(perClient < 6 ? " (browsers: 6)" : "") or traffic.clients"
    }

    /// Backends saturated in some seconds although the mean over the run
    /// looks moderate: bursts, not the mean, decide the queueing.
    func burstSaturationWarnings(backends summaries: [BackendSummary]) -> [String] {
        var result: [String] = []
        for group in backendGroups(Array(model.backends.indices)) {
            let busiest = group.instances.max { summaries[$0].saturatedSeconds < summaries[$1].saturatedSeconds } ?? group.instances[0]
            let backend = summaries[busiest]
            guard backend.saturatedSeconds > 0, let peak = backend.peakSecondUtilisation else { continue }
            let busiestNote = group.instances.count == 1 ? "" : " on its busiest instance (\(backend.address))"
            let share = Int(BackendState.saturatedShare * 100)
            result.append("\(backendLabel(group)) was saturated (at least \(share)% of its \(model.backends[busiest].workers) "
                + "workers busy) in \(backend.saturatedSeconds) of \(backend.secondsMeasured) seconds\(busiestNote), peak second "
                + "\(NumberText.percent(peak)) busy, though its mean utilisation is \(NumberText.percent(backend.utilisation))"
                + (backend.queueWaitP99Ms.map { "; requests waited for a worker up to \(NumberText.fixed($0, fractionDigits: 1) ?? "-") ms (p99)" } ?? "")
                + ": bursts, not the mean, set the latency; add workers (backends.\(group.name).workers) or instances")
        }
        return result
    }
}
