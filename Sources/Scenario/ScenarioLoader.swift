// TEMPORARY STAND-IN for the real loader (another helper's work); removed
// before wt-simcli's final commit. Reads a tiny flat model:
// { seed, duration, warmup, rate, workers, keepalive, servers, backend_idle_timeout, post_share }.
import ProxyModel
import Randomness
import Traffic

public struct LoadedScenario: Sendable {
    public var model: ScenarioModel
    public var canonical: String
    public var sha256: String
}

public enum ScenarioLoader {
    public static func load(path: String) throws(Diagnostics) -> LoadedScenario {
        let document = try ModelDocument(contentsOfFile: path)
        struct Fields { var seed = 1, rate = 100.0, workers = 1, keepalive = 32, servers = 1, postShare = 0.0
                        var duration = TimeSpan.seconds(10), warmup = TimeSpan.seconds(1), idle = TimeSpan.seconds(65) }
        let f = try document.read { root -> Fields in
            var f = Fields()
            f.seed = root.integer("seed", default: 1, in: 0...)
            f.duration = root.duration("duration", default: .seconds(10))
            f.warmup = root.duration("warmup", default: .seconds(1))
            f.rate = root.double("rate", default: 100, in: 0.001...)
            f.workers = root.integer("workers", default: 1, in: 1...64)
            f.keepalive = root.integer("keepalive", default: 32, in: 0...)
            f.servers = root.integer("servers", default: 1, in: 1...16)
            f.idle = root.duration("backend_idle_timeout", default: .seconds(65))
            f.postShare = root.double("post_share", default: 0, in: 0.0...1.0)
            return f
        }
        let servers = (0..<f.servers).map { UpstreamServer(address: "10.0.0.\($0 + 1):8080") }
        let config = NginxConfiguration(
            version: .firstModern, workerProcesses: f.workers, workerConnections: 4096,
            upstreams: [UpstreamBlock(name: "app", servers: servers,
                                      keepalive: f.keepalive > 0 ? UpstreamKeepaliveDirective(connections: f.keepalive) : nil)],
            locations: [ProxyLocation(path: "/", proxyPass: .upstream("app"))])
        let nginx: EffectiveConfiguration
        do { nginx = try config.resolved() } catch {
            throw Diagnostics([Diagnostic(file: path, location: nil, message: "\(error)")])
        }
        let backends = servers.map {
            BackendSpec(name: "app", address: $0.address, keepalive: BackendKeepalivePolicy(idleTimeout: f.idle, idleCloseDelay: .seconds(1)),
                        workers: 8, cpuTimeMs: .constant(1), waitTimeMs: .constant(0))
        }
        var methods: [(method: HTTPMethod, weight: Double)] = [(.get, 1 - f.postShare)]
        if f.postShare > 0 { methods.append((.post, f.postShare)) }
        let model = ScenarioModel(
            nginx: nginx, backends: backends, serverBackends: [Array(0..<f.servers)],
            traffic: TrafficSpec(source: .openLoop(pattern: .constant(perSecond: f.rate), spacing: .poisson),
                                 clients: 50, mix: RequestMix(methods: methods)),
            run: RunSpec(duration: f.duration, warmup: f.warmup, seed: UInt64(f.seed)))
        let canonical = "{\n  seed: \(f.seed),\n  duration: \"\(f.duration)\",\n  rate: \(f.rate),\n  keepalive: \(f.keepalive),\n}\n"
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in canonical.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return LoadedScenario(model: model, canonical: canonical,
                              sha256: String(repeating: String(repeating: "0", count: 16 - hex.count) + hex, count: 4))
    }
}
