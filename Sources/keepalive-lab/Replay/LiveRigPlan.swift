import Foundation
import Live
import ProxyModel
import Randomness
import Scenario
import Traffic

/// A model in the live rig's terms: one emulated backend per model backend,
/// the load generator's traffic, and what the replay cannot reproduce (said
/// in the report, never silently dropped). What the rig refuses — a traffic
/// source it cannot send — is a clear error before anything starts.
struct LiveRigPlan {
    /// The backends without link delays (see `backends(for:)`).
    var backends: [LiveBackendConfiguration]
    /// The model's one-way delays: client-nginx and nginx-backend.
    var clientOneWay: TimeSpan
    var backendOneWay: TimeSpan
    var traffic: LoadGeneratorConfiguration.Pacing
    var mix: RequestMix
    var duration: TimeSpan
    var clientKeepAlive: Bool
    var seed: UInt64
    /// Which replication of the seed the traffic and the backends draw from
    /// (`compare --repeat`: run r replays the simulator's replication r).
    var replication: UInt64
    /// Each request's target: the first location's path (the rig sends every
    /// request there; other locations are reported as not replayed).
    var path: String
    /// A send this much after its intended time counts as late.
    let lateSendThreshold = TimeSpan.milliseconds(1)
    /// What this replay does not reproduce, for the report's warnings.
    var notes: [String]

    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    init(_ model: ScenarioModel, replication: UInt64 = 0) throws(Refusal) {
        backends = model.backends.enumerated().map { index, spec in
            var backend = LiveBackendConfiguration(
                keepalive: spec.keepalive, workers: spec.workers, cpuTimeMs: spec.cpuTimeMs, waitTimeMs: spec.waitTimeMs,
                waitHoldsWorker: spec.waitHoldsWorker, acceptCPU: spec.acceptCPU, errorRate: spec.errorRate,
                seed: model.run.seed, index: index)
            backend.replication = replication
            backend.eventLoop = spec.eventLoop
            // listen(2) with the backlog the server asks for; this machine's kernel caps it at its own somaxconn.
            backend.listenBacklog = Int32(clamping: spec.listenBacklog.acceptQueueCapacity(somaxconn: model.network.somaxconn) - 1)
            return backend
        }
        var notes: [String] = []
        let traffic = model.traffic
        // The simulator's closed-loop start spread (World+Clients) with start "spread": within the warm-up, at most 1 s.
        let spread = TimeSpan(nanoseconds: max(1, min(1_000_000_000, model.run.warmup.nanoseconds)))
        switch traffic.source {
        case .openLoop(let pattern, let spacing):
            self.traffic = .openLoop(pattern, spacing: spacing, clients: traffic.clients,
                                     connectionsPerClient: traffic.connectionsPerClient)
        case .trace(let path):
            self.traffic = .trace(path: path, speed: model.traffic.traceSpeed, clients: traffic.clients,
                                  connectionsPerClient: traffic.connectionsPerClient)
        case .closedLoop(let connections, let think):
            guard case .constant(let milliseconds) = think else {
                throw Refusal(description: "traffic.closed_loop.think_time: replay sends closed-loop traffic with a constant "
                    + "think time; this model draws it from \(think) (write a duration such as \"10ms\" to replay it)")
            }
            // wrk connects everything first ("together", the simulator's default); "spread" starts each at random.
            let client = model.traffic.closedLoopClient
            self.traffic = .closedLoop(connections: connections, thinkTime: TimeSpan(sampledMilliseconds: milliseconds),
                                       startSpread: client.start == .together ? .zero : spread)
            if client.cpuPerRequest > .zero {
                notes.append("traffic.closed_loop.cpu_per_request is the simulator's model of the load generator's CPU; "
                    + "replay's load generator spends what it really spends, on one thread")
            }
        case .pages:
            throw Refusal(description: "traffic.pages: replay does not send page loads yet; simulate this model, "
                + "or replay a model with open-loop or closed-loop traffic")
        }
        if traffic.clientProtocol == .http2 {
            throw Refusal(description: "traffic.client_protocol: replay's load generator and built-in proxy speak HTTP/1.1 "
                + "only; simulate this model, or replay it with client_protocol \"http/1.1\"")
        }
        if let location = model.nginx.locations.first(where: { $0.proxyHTTPVersion == .http2 }) {
            throw Refusal(description: "nginx.locations[\"\(location.path)\"].proxy_http_version: replay's backends and "
                + "built-in proxy speak HTTP/1.1 only; simulate this model, or replay it with proxy_http_version \"1.1\"")
        }
        mix = traffic.mix
        duration = model.run.duration
        clientKeepAlive = !traffic.clientsCloseConnections
        seed = model.run.seed
        self.replication = replication
        path = model.nginx.locations.first?.path ?? "/"
        if model.nginx.locations.count > 1 {
            notes.append("replay sends every request to location \(path); the model's other "
                + "\(model.nginx.locations.count - 1) location(s) get no traffic")
        }
        if traffic.uris != ["/"] { notes.append("replay sends every request to \(path): traffic.uris is not replayed") }
        let byClientAddress = model.nginx.upstreams.filter { upstream in
            upstream.balancing == .ipHash || (upstream.balancing != .roundRobin && upstream.hashKey == .remoteAddress)
        }
        if let upstream = byClientAddress.first {
            notes.append("every replay client connects from 127.0.0.1: upstream \(upstream.name)'s \(upstream.balancing.directiveName) "
                + "by client address sends all of them to one server (the simulation draws addresses from traffic.client_addresses)")
        }
        let network = model.network
        clientOneWay = network.clientToProxy.oneWay
        backendOneWay = network.proxyToBackend.oneWay
        if network.clientToProxy.jitter > .zero || network.proxyToBackend.jitter > .zero {
            notes.append("the model's network jitter is not emulated: every message takes exactly its link's one-way delay")
        }
        if network.clientToProxy.bandwidthMbps != nil || network.proxyToBackend.bandwidthMbps != nil {
            notes.append("the model's link bandwidth is not emulated: bytes cross loopback at loopback's speed")
        }
        if network.clientToProxy.tls != nil || network.proxyToBackend.tls != nil {
            notes.append("replay speaks plain TCP: the model's TLS handshakes are not reproduced")
        }
        if model.backends.contains(where: { $0.tlsHandshakeCPU > .zero }) {
            notes.append("backends' TLS handshake CPU is not emulated (no TLS on loopback)")
        }
        notes.append("nginx.cpu is the simulator's model of nginx's CPU (calibrate measures it); in replay the proxy "
            + "spends what it really spends, on cores it shares with the load generator and the backends")
        if model.backends.contains(where: { !$0.serverCPU.isZero }) {
            notes.append("backends' server_cpu is the simulator's model of a server's own CPU (calibrate measures the rig's); "
                + "replay's backends spend what they really spend")
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for host in model.hosts {
            notes.append("hosts.\(host.name) (\(host.cores) cores) is the simulator's model of the machine the processes share; "
                + "replay runs them all on this machine's \(cores) cores"
                + (host.cores != cores ? ", which differs: compare a model written for this machine" : ""))
        }
        if model.network.somaxconn != NetworkSpec().somaxconn {
            notes.append("network.somaxconn \(model.network.somaxconn): replay's backends ask listen(2) for the backlog it "
                + "allows, but this machine's kernel applies its own net.core.somaxconn")
        }
        notes.append("replay measures the whole run (warm-up included) in real time; the numbers vary from run to run")
        self.notes = notes
    }

    /// The load generator's configuration toward `target`: it connects, so
    /// it pays the client link's handshake.
    func generator(target: SocketAddress, realNginx: Bool = false) -> LoadGeneratorConfiguration {
        var configuration = LoadGeneratorConfiguration(
            target: target, pacing: traffic, mix: mix, requests: Int.max, duration: duration,
            clientKeepAlive: clientKeepAlive, lateSendThreshold: lateSendThreshold, seed: seed, path: path)
        configuration.replication = replication
        configuration.linkDelay = Self.ownEnd(oneWay: clientOneWay, connecting: true, peerIsRealNginx: realNginx)
        return configuration
    }

    /// The backends with the nginx-backend link at their end. Facing real
    /// nginx they also take the handshake nginx's connect cannot be made to wait for.
    func backends(realNginx: Bool) -> [LiveBackendConfiguration] {
        backends.map { backend in
            var backend = backend
            backend.linkDelay = Self.ownEnd(oneWay: backendOneWay, connecting: realNginx, peerIsRealNginx: realNginx)
            return backend
        }
    }

    /// The built-in proxy's ends: it accepts from clients and connects to backends.
    var proxyLinkDelays: (client: LinkDelay, upstream: LinkDelay) {
        (.link(oneWay: clientOneWay, connecting: false), .link(oneWay: backendOneWay, connecting: true))
    }

    /// One end's share of a link. Real nginx's own writes cannot be delayed,
    /// so facing it our end's writes carry the whole round trip (2d): a
    /// request-response exchange and a handshake take what the model says;
    /// a close still reaches nginx d after it was made, so the
    /// stale-connection race window stays d wide.
    static func ownEnd(oneWay: TimeSpan, connecting: Bool, peerIsRealNginx: Bool) -> LinkDelay {
        var delay = LinkDelay.link(oneWay: oneWay, connecting: connecting)
        if peerIsRealNginx { delay.write = oneWay * 2 }
        return delay
    }
}
