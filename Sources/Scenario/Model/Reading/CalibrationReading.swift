import ProxyModel

/// What a calibration file gives a model: the defaults of the fields it measured.
struct MachineCalibration {
    /// `nginx.cpu`'s defaults.
    var nginxCPU = ProxyCPUCosts.nginxDefault
    /// `traffic.closed_loop.cpu_per_request`'s default; nil: not measured (0).
    var loadGeneratorCPUPerRequest: TimeSpan?
    /// Every backend's `server_cpu` default.
    var backendServerCPU = ServerCPU()
    /// `hosts.NAME.cores` and `wake_up_latency` defaults; nil: not measured.
    var cores: Int?
    var wakeUpLatency: TimeSpan?
}

/// `calibration: "FILE"`: this machine's per-event CPU and scheduling facts,
/// measured by `keepalive-lab calibrate` with the live rig, included by a
/// model. The file holds
///
///     { nginx: { cpu: { ... } }, load_generator: { cpu_per_request },
///       backend_server_cpu: { connection, request }, host: { cores, wake_up_latency } }
///
/// (every part optional); its values replace the built-in defaults of
/// `nginx.cpu`, `traffic.closed_loop.cpu_per_request`, each backend's
/// `server_cpu` and each host's `cores` and `wake_up_latency`, and a field
/// the model writes itself still wins. A relative path is relative to the
/// model's directory.
enum CalibrationReading {
    /// The model's calibration (the built-in defaults without one). Problems
    /// in the file are reported on the `calibration` field, naming the file.
    static func read(_ root: ObjectReader, modelDirectory: String) -> MachineCalibration {
        let builtIn = MachineCalibration()
        guard let field = root.field("calibration") else { return builtIn }
        let written = field.string()
        guard !written.isEmpty else {
            field.report("must name a calibration file (written by keepalive-lab calibrate)")
            return builtIn
        }
        let path = written.hasPrefix("/") || modelDirectory.isEmpty ? written : modelDirectory + "/" + written
        do {
            let document = try ModelDocument(contentsOfFile: path)
            return try document.read { calibration in
                var result = builtIn
                result.nginxCPU = calibration.object("nginx") { nginx in
                    nginx.object("cpu") { ProxyCPUCosts.read($0, defaults: builtIn.nginxCPU) }
                }
                result.loadGeneratorCPUPerRequest = calibration.object("load_generator") { $0.field("cpu_per_request")?.duration() }
                result.backendServerCPU = calibration.object("backend_server_cpu") { ServerCPU.read($0, defaults: ServerCPU()) }
                (result.cores, result.wakeUpLatency) = calibration.object("host") { host in
                    (host.field("cores")?.integer(in: HostSpec.allowedCores),
                     host.field("wake_up_latency")?.duration(in: HostSpec.allowedWakeUpLatency))
                }
                return result
            }
        } catch {
            field.report("cannot use the calibration file: \(error.items.first.map(\.description) ?? "\(error)")")
            return builtIn
        }
    }
}

extension ServerCPU {
    /// `server_cpu`'s fields over `defaults` (in a backend and in a calibration file alike).
    static func read(_ cpu: ObjectReader, defaults d: ServerCPU) -> ServerCPU {
        ServerCPU(perConnection: cpu.duration("connection", default: d.perConnection),
                  perRequest: cpu.duration("request", default: d.perRequest))
    }
}

extension ProxyCPUCosts {
    /// `nginx.cpu`'s fields over `defaults` (in a model and in a calibration file alike).
    static func read(_ cpu: ObjectReader, defaults d: ProxyCPUCosts) -> ProxyCPUCosts {
        ProxyCPUCosts(
            accept: cpu.duration("accept", default: d.accept), connect: cpu.duration("connect", default: d.connect),
            request: cpu.duration("request", default: d.request), response: cpu.duration("response", default: d.response),
            close: cpu.duration("close", default: d.close), tlsHandshake: cpu.duration("tls_handshake", default: d.tlsHandshake))
    }
}
