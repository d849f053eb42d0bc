import Live
import Measurement
import ProxyModel
import Scenario

/// The options `replay` and `compare` share: which proxy, where nginx is,
/// the seed and the duration; and the one way both run a model live.
struct LiveRunOptions {
    /// `--proxy builtin|nginx|HOST:PORT`.
    enum ProxyKind: Equatable, Sendable {
        /// The built-in proxy: NginxWorker, the simulator's own nginx, on real sockets.
        case builtin
        /// Real nginx from the model's export.
        case nginx
        /// A proxy the user runs, listening there (e.g. nginx from `nginx export`).
        case external(SocketAddress)

        init?(parsing text: String) {
            switch text {
            case "builtin": self = .builtin
            case "nginx": self = .nginx
            default:
                guard let address = SocketAddress(parsing: text), address.port != 0 else { return nil }
                self = .external(address)
            }
        }

        /// How the comparison names it.
        var label: String {
            switch self {
            case .builtin: return "built-in"
            case .nginx: return "nginx"
            case .external(let address): return "\(address)"
            }
        }
    }

    static let definitions: [OptionDefinition] = [
        .modelSeed("Random seed"),
        OptionDefinition(
            name: "proxy", valueName: "PROXY", kind: .text, defaultValue: "builtin",
            help: "The proxy between the load generator and the backends: builtin (nginx's model on real sockets), "
                + "nginx (real nginx started from the model's export), or HOST:PORT, a proxy you run (for example "
                + "nginx with the config `nginx export` writes), whose upstream servers are the backends at --port-base."),
        OptionDefinition(
            name: "port-base", valueName: "N", kind: .integer(1...65_000),
            help: "With --proxy HOST:PORT: backend instance i listens on 127.0.0.1:(N + 1 + i), as `nginx export --port-base N` "
                + "points nginx (default \(NginxConfExport.defaultPortBase), nginx export's)."),
        OptionDefinition(
            name: "duration", valueName: "DURATION", kind: .duration,
            help: "Send traffic this long (real time) instead of the model's run.duration."),
        OptionDefinition(
            name: "nginx", valueName: "PATH", kind: .path,
            help: "The nginx binary for --proxy nginx (default: nginx on PATH, then /usr/sbin/nginx)."),
        OptionDefinition(
            name: "nginx-dir", valueName: "DIR", kind: .path,
            help: "Keep nginx's configuration and logs in DIR (default: a temporary directory, removed after the run)."),
    ]

    var seed: UInt64?
    var proxy: ProxyKind
    var portBase: Int
    var duration: TimeSpan?
    var nginxBinary: String?
    var nginxDirectory: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        seed = arguments.unsignedIntegerIfPresent("seed")
        let written = arguments.string("proxy")
        guard let proxy = ProxyKind(parsing: written) else {
            throw UsageError("--proxy \(QuotedInput.shortened(written)): expected builtin, nginx, or a proxy's IPv4 HOST:PORT such as 127.0.0.1:18000")
        }
        self.proxy = proxy
        let writtenBase = arguments.integerIfPresent("port-base")
        portBase = writtenBase ?? NginxConfExport.defaultPortBase
        duration = arguments.durationIfPresent("duration")
        if let duration, duration <= .zero { throw UsageError("--duration \(duration): expected more than 0") }
        nginxBinary = arguments.stringIfPresent("nginx")
        nginxDirectory = arguments.stringIfPresent("nginx-dir")
        if proxy != .nginx, let option = [("--nginx", nginxBinary), ("--nginx-dir", nginxDirectory)].first(where: { $0.1 != nil })?.0 {
            throw UsageError("\(option) is for --proxy nginx")
        }
        if case .external = proxy {} else if writtenBase != nil {
            throw UsageError("--port-base is for --proxy HOST:PORT (the built-in proxy and nginx get ports of their own)")
        }
    }

    /// The model as the run sends it: with the seed and duration given.
    func applied(to model: ScenarioModel) -> ScenarioModel {
        var model = model
        if let seed { model.run.seed = seed }
        if let duration {
            model.run.duration = duration
            if model.run.warmup >= duration { model.run.warmup = .zero }
        }
        return model
    }

    /// `interrupted`: Ctrl-C stopped the traffic (print the report, then exit 130).
    /// `replication` picks the seed's replication the traffic and backends
    /// draw from; `run` (1-based, of `runs`) is said on standard error when
    /// the caller repeats the replay.
    func replay(_ loaded: LoadedScenario, modelPath: String, command: String, replication: UInt64 = 0,
                run: (number: Int, of: Int)? = nil,
                console: inout Console) throws(CommandFailure) -> (report: RunReport, interrupted: Bool) {
        let model = applied(to: loaded.model)
        let plan: LiveRigPlan
        do { plan = try LiveRigPlan(model, replication: replication) } catch { throw CommandFailure("cannot replay '\(modelPath)': \(error)") }
        let rigProxy: LiveRig.Proxy
        switch proxy {
        case .builtin: rigProxy = .builtin
        case .nginx: rigProxy = .nginx(.init(modelPath: modelPath, binary: nginxBinary, keepDirectory: nginxDirectory))
        case .external(let address):
            guard NginxConfExport.backendPort(instance: model.backends.count - 1, portBase: portBase) <= 65_535 else {
                throw CommandFailure("--port-base \(portBase): the model's \(model.backends.count) backends need ports up to "
                    + "\(NginxConfExport.backendPort(instance: model.backends.count - 1, portBase: portBase)); at most 65535")
            }
            rigProxy = .external(address, backends: (0..<model.backends.count).map {
                .loopback(port: UInt16(NginxConfExport.backendPort(instance: $0, portBase: portBase)))
            })
        }
        let through = switch proxy {
        case .builtin: "the built-in proxy"
        case .nginx: "nginx"
        case .external(let address): "the proxy at \(address)"
        }
        console.err.writeLine((run.map { "run \($0.number) of \($0.of): " } ?? "") + "replaying \(modelPath) through \(through) "
            + "for \(model.run.duration) of real time (Ctrl-C stops it and reports what was measured)")
        console.err.flush()
        // A status line on a terminal (its own console: the caller's cannot be captured).
        var statusConsole = Console()
        var status = StatusLine(console: statusConsole)
        let total = model.run.duration.seconds
        let result = try LiveRig.run(model, plan: plan, proxy: rigProxy) { elapsed, sent, answered in
            status.show("replay: \(NumberText.fixed(elapsed.seconds, fractionDigits: 1) ?? "-") s of "
                + "\(NumberText.fixed(total, fractionDigits: 1) ?? "-") s, \(NumberText.grouped(sent)) sent, "
                + "\(NumberText.grouped(answered)) answered", console: &statusConsole)
        }
        status.clear(console: &statusConsole)
        return (ReplayReport.make(result, model: model, plan: plan, modelSHA256: loaded.sha256, command: command), result.interrupted)
    }
}
