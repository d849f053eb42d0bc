import Measurement
import ProxyModel

/// What `calibrate` writes: a model fragment a model includes with
/// `calibration: "FILE"`, with the fit and every run's measured and fitted
/// CPU as comments, so a reader can judge the fit.
enum CalibrationFile {
    static func text(_ fit: CPUCostFit, proxy: String, command: String) -> String {
        func span(_ seconds: Double) -> TimeSpan { TimeSpan(nanoseconds: Int64((seconds * 1e9).rounded())) }
        let perRequestHalf = span(fit.perRequest / 2)
        var lines = [
            "// nginx.cpu of \(proxy), measured by: \(command)",
            "// Include it in a model with calibration: \"THIS FILE\" (fields the model writes in nginx.cpu still win).",
            "// Fit: cpu = accept x client connections + connect x upstream connections + (request + response) x requests;",
            "// accept and connect include the close (every connection opened is closed), close is 0.",
            "// Per run: measured and fitted CPU (relative error of the fit: \(NumberText.percent(fit.relativeError))):",
        ]
        var table = TextTable([.init("run", .left), .init("client conns"), .init("upstream conns"), .init("requests"),
                               .init("cpu ms"), .init("fitted ms")])
        for run in fit.runs {
            table.append([run.label, String(Int(run.clientConnections)), String(Int(run.upstreamConnections)),
                          String(Int(run.requests)), NumberText.fixed(run.cpuSeconds * 1000, fractionDigits: 1) ?? "-",
                          NumberText.fixed(fit.predicted(run) * 1000, fractionDigits: 1) ?? "-"])
        }
        lines += table.text(indent: "").split(separator: "\n").map { "//   " + $0 }
        lines += [
            "{",
            "  nginx: {",
            "    cpu: {",
            "      accept: \"\(span(fit.perClientConnection).formatted())\",",
            "      connect: \"\(span(fit.perUpstreamConnection).formatted())\",",
            "      request: \"\(perRequestHalf.formatted())\",",
            "      response: \"\(perRequestHalf.formatted())\",",
            "      close: \"0s\",",
            "    },",
            "  },",
            "}",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
