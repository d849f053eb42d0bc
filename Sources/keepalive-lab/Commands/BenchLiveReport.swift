import Measurement
import ProxyModel

/// What `bench live` prints: each target's requests per second (median and
/// range over the runs) and the ratios the live-mode issue sets targets for.
struct BenchLiveReport {
    var seconds: Int
    var runs: Int
    var connections: Int
    /// One run of one target: its rate, and its median latency from the actual send.
    struct Run {
        var requestsPerSecond: Double
        var p50Milliseconds: Double?
    }

    /// Each target's runs (empty: not run).
    var direct: [Run] = []
    var builtin: [Run] = []
    var nginx: [Run] = []
    var wrk: [Run] = []

    static func median(_ values: [Double]) -> Double? { SampleSummary(values)?.median }

    /// The built-in proxy's median rate over nginx's (target: at least 0.8).
    var builtinOverNginx: Double? {
        guard let b = Self.median(builtin.map(\.requestsPerSecond)), let n = Self.median(nginx.map(\.requestsPerSecond)), n > 0 else { return nil }
        return b / n
    }

    /// The load generator's median rate over wrk's, both straight at the backend (target: at least 1).
    var generatorOverWrk: Double? {
        guard let g = Self.median(direct.map(\.requestsPerSecond)), let w = Self.median(wrk.map(\.requestsPerSecond)), w > 0 else { return nil }
        return g / w
    }

    private func line(_ runs: [Run]) -> String {
        guard let rate = SampleSummary(runs.map(\.requestsPerSecond)) else { return "not run" }
        let p50 = Self.median(runs.compactMap(\.p50Milliseconds)).flatMap { NumberText.fixed($0, fractionDigits: 3) }
        return "\(NumberText.fixed(rate.median, fractionDigits: 0) ?? "-") req/s median "
            + "(\(NumberText.fixed(rate.minimum, fractionDigits: 0) ?? "-")–\(NumberText.fixed(rate.maximum, fractionDigits: 0) ?? "-"))"
            + (p50.map { ", p50 \($0) ms" } ?? "")
    }

    var text: String {
        let ratio: (Double?) -> String = { $0.flatMap { NumberText.fixed($0, fractionDigits: 2) }.map { "\($0)x" } ?? "-" }
        let rows: [(String, String)] = [
            ("benchmark", "live (closed loop, \(connections) connections, 100-byte responses, \(seconds) s x \(runs) runs)"),
            ("generator -> backend", line(direct)),
            ("-> built-in proxy", line(builtin)),
            ("-> nginx", nginx.isEmpty ? "not run (no nginx found)" : line(nginx)),
            ("wrk -t1 -> backend", wrk.isEmpty ? "not run (no wrk on PATH)" : line(wrk)),
            ("built-in / nginx", ratio(builtinOverNginx)),
            ("generator / wrk", ratio(generatorOverWrk)),
            ("version", ProxyModelInfo.toolVersion),
        ]
        return AlignedRows.text(rows)
    }

    var json: String {
        var object = JSONObjectWriter()
        object.add("benchmark", string: "live")
        object.add("version", string: ProxyModelInfo.toolVersion)
        object.add("seconds", integer: seconds)
        object.add("runs", integer: runs)
        object.add("connections", integer: connections)
        for (name, runs) in [("direct", direct), ("builtin", builtin), ("nginx", nginx), ("wrk", wrk)] {
            if let median = Self.median(runs.map(\.requestsPerSecond)) {
                object.add("\(name)_requests_per_second", number: median, fractionDigits: 0)
            } else {
                object.addNull("\(name)_requests_per_second")
            }
            if let p50 = Self.median(runs.compactMap(\.p50Milliseconds)) {
                object.add("\(name)_p50_ms", number: p50, fractionDigits: 3)
            } else {
                object.addNull("\(name)_p50_ms")
            }
        }
        if let ratio = builtinOverNginx { object.add("builtin_over_nginx", number: ratio, fractionDigits: 3) } else { object.addNull("builtin_over_nginx") }
        if let ratio = generatorOverWrk { object.add("generator_over_wrk", number: ratio, fractionDigits: 3) } else { object.addNull("generator_over_wrk") }
        return object.text
    }
}
