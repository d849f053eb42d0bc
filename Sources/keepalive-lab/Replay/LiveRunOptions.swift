import Measurement
import Scenario

/// The options `replay` and `compare` share: which proxy, where nginx is,
/// and the seed; and the one way both run a model live.
struct LiveRunOptions {
    /// `--proxy builtin|nginx`.
    enum ProxyKind: String, CaseIterable, Sendable {
        /// The built-in proxy: NginxWorker, the simulator's own nginx, on real sockets.
        case builtin
        /// Real nginx from the model's export.
        case nginx
    }

    static let definitions: [OptionDefinition] = [
        .modelSeed("Random seed"),
        OptionDefinition(
            name: "proxy", valueName: "PROXY", kind: .choice(ProxyKind.allCases.map(\.rawValue)),
            defaultValue: ProxyKind.builtin.rawValue,
            help: "The proxy between the load generator and the backends: the built-in one (nginx's model on real "
                + "sockets) or real nginx started from the model's export."),
        OptionDefinition(
            name: "nginx", valueName: "PATH", kind: .path,
            help: "The nginx binary for --proxy nginx (default: nginx on PATH, then /usr/sbin/nginx)."),
        OptionDefinition(
            name: "nginx-dir", valueName: "DIR", kind: .path,
            help: "Keep nginx's configuration and logs in DIR (default: a temporary directory, removed after the run)."),
    ]

    var seed: UInt64?
    var proxy: ProxyKind
    var nginxBinary: String?
    var nginxDirectory: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        seed = arguments.unsignedIntegerIfPresent("seed")
        proxy = arguments.choice("proxy", as: ProxyKind.self)
        nginxBinary = arguments.stringIfPresent("nginx")
        nginxDirectory = arguments.stringIfPresent("nginx-dir")
        if proxy == .builtin, let option = [("--nginx", nginxBinary), ("--nginx-dir", nginxDirectory)].first(where: { $0.1 != nil })?.0 {
            throw UsageError("\(option) is for --proxy nginx; the built-in proxy needs no nginx")
        }
    }

    /// Runs the model through the live rig and returns its report.
    /// Says on standard error what runs and for how long (it is real time).
    func replay(_ loaded: LoadedScenario, modelPath: String, command: String,
                console: inout Console) throws(CommandFailure) -> RunReport {
        var model = loaded.model
        if let seed { model.run.seed = seed }
        let plan: LiveRigPlan
        do { plan = try LiveRigPlan(model) } catch { throw CommandFailure("cannot replay '\(modelPath)': \(error)") }
        let rigProxy: LiveRig.Proxy = switch proxy {
        case .builtin: .builtin
        case .nginx: .nginx(.init(modelPath: modelPath, binary: nginxBinary, keepDirectory: nginxDirectory))
        }
        console.err.writeLine("replaying \(modelPath) through \(proxy == .nginx ? "nginx" : "the built-in proxy") "
            + "for \(model.run.duration) of real time (Ctrl-C stops it and reports what was measured)")
        console.err.flush()
        let result = try LiveRig.run(model, plan: plan, proxy: rigProxy)
        return ReplayReport.make(result, model: model, plan: plan, modelSHA256: loaded.sha256, command: command)
    }
}
