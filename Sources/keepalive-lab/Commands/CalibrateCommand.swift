import Foundation
import Measurement
import ProxyModel
import Scenario
import Live

/// `keepalive-lab calibrate`: nginx's per-event CPU on this machine, fitted
/// from short live runs, as a file a model includes (`calibration: "FILE"`).
struct CalibrateCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "calibrate",
        abstract: "Measure this machine's CPU per connection and per request (proxy, load generator, backends) and wake-up latency; write them for models.",
        discussion: """
            Runs a closed loop through the proxy (real nginx with --proxy nginx, else the \
            built-in one) with and without client keepalive and upstream keepalive, at 8 \
            and 32 connections: 8 runs of --seconds each. It measures the CPU the proxy's \
            workers used in each run and fits, by least squares, the CPU per client \
            connection, per upstream connection and per request; every run's measured and \
            fitted CPU are shown. The result is written as a model fragment \
            ({ nginx: { cpu: ... } }) that a model includes with calibration: "FILE": its \
            values replace nginx.cpu's defaults, and fields the model writes still win.

            The same runs measure the rig's own load generator and backends (threads of \
            this process): the file also gives load_generator.cpu_per_request (the \
            default of traffic.closed_loop.cpu_per_request), backend_server_cpu (every \
            backend's server_cpu: the server's own CPU per connection and per request), \
            and host: the machine's cores and its wake-up latency (two threads passing a \
            byte over a socket pair), the defaults of a hosts entry's cores and \
            wake_up_latency. With them a model of a loopback run whose processes share \
            this machine's cores (hosts) predicts its requests per second and latency. \
            The machine's busy time (/proc/stat) beyond what the rig's threads and nginx \
            were charged — the kernel's softirq work on loopback packets, which Linux \
            charges to no task — is added to every cost in proportion, and shown.

            A close cannot be told apart from its open (every connection opened is closed), \
            so accept and connect include the close, and close is 0; a request's read and \
            its response's write always come together, so request and response share the \
            per-request cost. Run it on an otherwise idle machine.

            Examples:
              keepalive-lab calibrate --proxy nginx --out calibration.json5
              keepalive-lab calibrate --seconds 5
              keepalive-lab calibrate --proxy nginx --like models/small-pools/w1-keepalive2-c32.json5
            """,
        options: [
            OptionDefinition(name: "proxy", valueName: "PROXY", kind: .choice(CalibratedProxy.allCases.map(\.rawValue)),
                             defaultValue: CalibratedProxy.builtin.rawValue, help: "Which proxy to measure."),
            OptionDefinition(name: "nginx", valueName: "PATH", kind: .path,
                             help: "The nginx binary for --proxy nginx (default: nginx on PATH, then /usr/sbin/nginx)."),
            OptionDefinition(name: "out", short: "o", valueName: "FILE.json5", kind: .path,
                             help: "Write the calibration here (default: standard output)."),
            OptionDefinition(name: "seconds", valueName: "N", kind: .integer(1...600), defaultValue: "3",
                             help: "Seconds of traffic per run."),
            OptionDefinition(name: "like", valueName: "MODEL", kind: .path,
                             help: "Run the rig as it runs MODEL: its links' one-way delays and its first backend's timer clock "
                                + "and wait (the rig's own timers cost CPU too)."),
        ],
        command: CalibrateCommand.self
    )

    /// The proxies whose CPU calibrate can read (its threads, or nginx's worker processes).
    enum CalibratedProxy: String, CaseIterable { case builtin, nginx }

    var proxy: CalibratedProxy
    var nginxBinary: String?
    var outPath: String?
    var seconds: Int
    var likePath: String?
    var commandLine: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        proxy = arguments.choice("proxy", as: CalibratedProxy.self)
        nginxBinary = arguments.stringIfPresent("nginx")
        outPath = arguments.stringIfPresent("out")
        seconds = arguments.integer("seconds")
        likePath = arguments.stringIfPresent("like")
        commandLine = arguments.commandLine
        if proxy == .builtin && nginxBinary != nil { throw UsageError("--nginx is for --proxy nginx; the built-in proxy needs no nginx") }
    }

    /// What calibrate's runs take from `--like MODEL`: what makes the rig's
    /// own processes work per request (emulated link delays, the backend's
    /// timers), not the model's traffic, pools or service CPU (the model has those).
    struct RigLikeness {
        var clientOneWay = TimeSpan.zero
        var backendOneWay = TimeSpan.zero
        var timerGranularity = TimeSpan.zero
        var backendWait = TimeSpan.zero

        init() {}

        init(_ model: ScenarioModel) {
            clientOneWay = model.network.clientToProxy.oneWay
            backendOneWay = model.network.proxyToBackend.oneWay
            if let backend = model.backends.first {
                timerGranularity = backend.eventLoop.timerGranularity
                // The wait is a timer in the rig: that there is one matters more than its length.
                backendWait = TimeSpan(sampledMilliseconds: backend.waitTimeMs.mean)
            }
        }
    }

    /// One calibration run's model: 1 worker, a backend that answers without CPU of its own.
    func modelText(clientKeepalive: Bool, upstreamKeepalive: Bool, connections: Int, like: RigLikeness) -> String {
        let location = upstreamKeepalive ? #", proxy_http_version: "1.1", proxy_set_header_connection: """# : ""
        return """
            {
              nginx: {
                version: "1.22.1",
                worker_processes: 1,
                worker_connections: 16384,
                upstreams: { app: { servers: [{ address: "10.0.0.1:8080" }]\(upstreamKeepalive ? ", keepalive: 64" : "") } },
                locations: { "/": { proxy_pass: "app"\(location) } },
              },
              backends: { app: { workers: 64, timer_granularity: "\(like.timerGranularity.formatted())",
                                 service: { cpu: "0s", wait: "\(like.backendWait.formatted())" } } },
              network: { client_proxy: { one_way: "\(like.clientOneWay.formatted())" },
                         proxy_backend: { one_way: "\(like.backendOneWay.formatted())" } },
              traffic: { closed_loop: { connections: \(connections) }, clients_close_connections: \(!clientKeepalive),
                         response_bytes: { constant: 100 }, request_bytes: { constant: 0 } },
              run: { duration: "\(seconds)s", warmup: "0s", seed: 1 },
            }
            """
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        if let outPath { try OutputPaths(inputs: likePath.map { [("--like", $0)] } ?? [], outputs: [("--out", outPath)]).check() }
        var like = RigLikeness()
        if let likePath { like = RigLikeness(try ModelLoading.loadScenario(likePath, console: &console).model) }
        var runs: [CPUCostFit.Run] = [], generatorRuns: [CPUCostFit.Run] = [], backendRuns: [CPUCostFit.Run] = []
        var machineBusy: [Double?] = [], rigCPU: [Double] = []
        for connections in [8, 32] {
            for (clientKeepalive, upstreamKeepalive) in [(true, true), (true, false), (false, true), (false, false)] {
                let run = try BuiltInLiveModel(
                    modelText(clientKeepalive: clientKeepalive, upstreamKeepalive: upstreamKeepalive, connections: connections, like: like),
                    name: "calibrate")
                defer { run.remove() }
                let (model, plan, path) = (run.model, run.plan, run.path)
                let label = "\(connections) conns, client keepalive \(clientKeepalive ? "on" : "off"), "
                    + "upstream keepalive \(upstreamKeepalive ? "on" : "off")"
                console.err.writeLine("calibrate: \(label)")
                console.err.flush()
                let rigProxy: LiveRig.Proxy = proxy == .nginx
                    ? .nginx(.init(modelPath: path, binary: nginxBinary, keepDirectory: nil)) : .builtin
                let result = try LiveRig.run(model, plan: plan, proxy: rigProxy)
                if result.interrupted { throw CommandFailure("interrupted (Ctrl-C): no calibration written") }
                let measured = CPUCostFit.Run(
                    label: label, clientConnections: Double(result.generator.connectionsOpened),
                    upstreamConnections: Double(result.backends.reduce(0) { $0 + $1.acceptedConnections }),
                    requests: Double(result.generator.responses), cpuSeconds: result.proxyCPU.seconds)
                runs.append(measured)
                generatorRuns.append(measured.with(cpuSeconds: result.generatorCPU.seconds))
                backendRuns.append(measured.with(cpuSeconds: result.backendCPU.seconds))
                machineBusy.append(result.machineBusy?.seconds)
                rigCPU.append((result.proxyCPU + result.generatorCPU + result.backendCPU).seconds)
            }
        }
        guard let fit = CPUCostFit(runs: runs) else {
            throw CommandFailure("the runs do not determine the costs (did the proxy use any CPU?): "
                + runs.map { "\($0.label): \($0.cpuSeconds) s" }.joined(separator: "; "))
        }
        console.err.writeLine("calibrate: wake-up latency (threads passing a byte over a socket pair)")
        console.err.flush()
        let machine = MachineCalibrationFit(
            proxy: fit, loadGenerator: CPUCostFit(runs: generatorRuns, fitted: [true, false, true]),
            backends: CPUCostFit(runs: backendRuns, fitted: [false, true, true]),
            cores: ProcessInfo.processInfo.activeProcessorCount, wakeUpLatency: WakeUpProbe.medianWakeUp()?.seconds,
            kernelShare: MachineCalibrationFit.kernelShare(machineBusy: machineBusy, rigCPU: rigCPU))
        if let share = machine.kernelShare, share > 0.5 {
            console.err.writeLine("calibrate: the machine was busy \(Int(share * 100))% beyond the rig's own CPU: "
                + "was something else running? The costs include it; calibrate on an idle machine")
        }
        let text = CalibrationFile.text(machine, proxy: proxy == .nginx ? "nginx" : "the built-in proxy", command: commandLine)
        if let outPath {
            do { try text.write(toFile: outPath, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("cannot write \(outPath): \(error.localizedDescription)")
            }
            console.err.write(text)
        } else {
            console.out.write(text)
        }
    }
}
