import Measurement
import ProxyModel

/// What `calibrate` writes: a model fragment a model includes with
/// `calibration: "FILE"`, with each fit and every run's measured and fitted
/// CPU as comments, so a reader can judge the fits.
enum CalibrationFile {
    static func text(_ machine: MachineCalibrationFit, proxy: String, command: String) -> String {
        let fit = machine.proxy
        let cost = { (seconds: Double) in span(machine.withKernel(seconds)).formatted() }
        var lines = [
            "// This machine as the live rig measured it: \(command)",
            "// Include it in a model with calibration: \"THIS FILE\" (fields the model writes still win).",
            "// nginx.cpu of \(proxy). Fit: cpu = accept x client connections + connect x upstream connections",
            "// + (request + response) x requests; accept and connect include the close (every connection opened is closed), close is 0.",
        ]
        lines += runTable(fit)
        if let share = machine.kernelShare {
            lines.append("// The machine was busy \(NumberText.percent(share)) beyond the CPU charged to the rig's threads and the proxy "
                + "(the kernel's softirq work on loopback packets, charged to no task): every cost below includes that share.")
        }
        if let generator = machine.loadGenerator {
            lines.append("// load_generator: the rig's load generator (one thread). Fit: cpu = per client connection + per request.")
            lines += runTable(generator)
        }
        if let backends = machine.backends {
            lines.append("// backend_server_cpu: the rig's backends' own CPU (their thread). Fit: cpu = per accepted connection + per request.")
            lines += runTable(backends)
        }
        lines += [
            "{",
            "  nginx: {",
            "    cpu: {",
            "      accept: \"\(cost(fit.perClientConnection))\",",
            "      connect: \"\(cost(fit.perUpstreamConnection))\",",
            "      request: \"\(cost(fit.perRequest / 2))\",",
            "      response: \"\(cost(fit.perRequest / 2))\",",
            "      close: \"0s\",",
            "    },",
            "  },",
        ]
        if let generator = machine.loadGenerator {
            // The closed loop charges its CPU per response; a connection's own cost is spread over its requests.
            lines.append("  load_generator: { cpu_per_request: \"\(cost(generator.perRequest))\" },")
        }
        if let backends = machine.backends {
            lines.append("  backend_server_cpu: { connection: \"\(cost(backends.perUpstreamConnection))\", "
                + "request: \"\(cost(backends.perRequest))\" },")
        }
        var host = ["cores: \(machine.cores)"]
        if let wakeUp = machine.wakeUpLatency { host.append("wake_up_latency: \"\(span(wakeUp).formatted())\"") }
        lines.append("  host: { \(host.joined(separator: ", ")) },")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func span(_ seconds: Double) -> TimeSpan { TimeSpan(nanoseconds: Int64((seconds * 1e9).rounded())) }

    /// Every run's measured and fitted CPU, as comment lines.
    private static func runTable(_ fit: CPUCostFit) -> [String] {
        var table = TextTable([.init("run", .left), .init("client conns"), .init("upstream conns"), .init("requests"),
                               .init("cpu ms"), .init("fitted ms")])
        for run in fit.runs {
            table.append([run.label, String(Int(run.clientConnections)), String(Int(run.upstreamConnections)),
                          String(Int(run.requests)), NumberText.fixed(run.cpuSeconds * 1000, fractionDigits: 1) ?? "-",
                          NumberText.fixed(fit.predicted(run) * 1000, fractionDigits: 1) ?? "-"])
        }
        return ["// Per run: measured and fitted CPU (relative error of the fit: \(NumberText.percent(fit.relativeError))):"]
            + table.text(indent: "").split(separator: "\n").map { "//   " + $0 }
    }
}
