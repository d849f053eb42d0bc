import ProxyModel

/// `calibration: "FILE"`: nginx's per-event CPU measured on a machine by
/// `keepalive-lab calibrate`, included by a model. The file holds
/// `{ nginx: { cpu: { ... } } }`; its values replace the built-in defaults
/// of `nginx.cpu`, and a model that writes a `nginx.cpu` field itself still
/// wins for that field. A relative path is relative to the model's directory.
enum CalibrationReading {
    /// The `nginx.cpu` defaults the model's calibration gives (the built-in
    /// defaults without one). Problems in the file are reported on the
    /// `calibration` field, naming the file.
    static func cpuDefaults(_ root: ObjectReader, modelDirectory: String) -> ProxyCPUCosts {
        let builtIn = ProxyCPUCosts.nginxDefault
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
                calibration.object("nginx") { nginx in
                    nginx.object("cpu") { ProxyCPUCosts.read($0, defaults: builtIn) }
                }
            }
        } catch {
            field.report("cannot use the calibration file: \(error.items.first.map(\.description) ?? "\(error)")")
            return builtIn
        }
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
