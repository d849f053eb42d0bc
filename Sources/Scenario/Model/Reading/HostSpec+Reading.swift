import ProxyModel

/// `hosts`: machines the scenario's processes share, each with its cores and
/// the processes it runs (`HostSpec`). Read after `backends` and `traffic`,
/// whose names and source it checks.
extension HostSpec {
    static let allowedCores = 1...4096
    static let allowedWakeUpLatency = TimeSpan.zero...TimeSpan.milliseconds(100)

    /// `cores` may be left out when the model's calibration measured them (then the calibrated machine's).
    static func readAll(_ root: ObjectReader, backendNames: [String], closedLoop: Bool,
                        calibration: MachineCalibration = MachineCalibration()) -> [HostSpec] {
        var placed: [String: String] = [:]  // process -> host; looked up only
        return root.map("hosts") { name, value in
            value.object { host in
                let spec = HostSpec(
                    name: name,
                    cores: calibration.cores.map { host.integer("cores", default: $0, in: allowedCores) } ?? host.integer("cores", in: allowedCores),
                    wakeUpLatency: host.duration("wake_up_latency", default: calibration.wakeUpLatency ?? defaultWakeUpLatency,
                                                 in: allowedWakeUpLatency),
                    runsNginx: host.bool("nginx", default: false),
                    runsLoadGenerator: host.bool("load_generator", default: false),
                    backends: host.array("backends") { $0.string() })
                if spec.runsLoadGenerator, !closedLoop, let reader = host.field("load_generator") {
                    reader.report("a load generator runs only with traffic.closed_loop (its threads are the processes "
                        + "placed here); an open-loop source is a schedule of arrivals, not a process")
                }
                if let reader = host.field("backends") {
                    for backend in spec.backends where !backendNames.contains(backend) {
                        reader.report("unknown backend \(JSON5Writer.quoted(backend)); the model defines: "
                            + backendNames.map(JSON5Writer.quoted).joined(separator: ", "))
                    }
                }
                if !spec.runsNginx, !spec.runsLoadGenerator, spec.backends.isEmpty {
                    host.report("places no process: set nginx: true, load_generator: true or backends: [names]")
                }
                var processes = spec.backends.map { "backend \(JSON5Writer.quoted($0))" }
                if spec.runsNginx { processes.append("nginx") }
                if spec.runsLoadGenerator { processes.append("the load generator") }
                for process in processes {
                    if let other = placed[process] {
                        host.report(other == name ? "\(process) is listed twice"
                            : "\(process) already runs on host \(JSON5Writer.quoted(other)); a process runs on one host")
                    } else {
                        placed[process] = name
                    }
                }
                return spec
            }
        }.map(\.value)
    }
}
