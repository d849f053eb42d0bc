/// What a metric's name says about its unit (names carry it: `latency_p99_ms`,
/// `upstream_connections_per_1k`), and the units of the model fields sweeps
/// commonly vary, for axis labels.
enum MetricUnits {
    /// The unit of a model field, by its last key (durations are recognised by their values instead).
    static func unit(ofField path: String) -> String? {
        let key = path.split(separator: ".").last.map(String.init) ?? path
        let units: [String: String] = [  // looked up, never iterated
            "keepalive": "idle connections per worker", "worker_processes": "workers", "worker_connections": "connections per worker",
            "rate": "per second", "workers": "workers", "clients": "clients", "connections_per_client": "connections",
            "requests_per_page": "requests", "keepalive_requests": "requests", "connections": "connections",
        ]
        return units[key]
    }

    static func unit(of metric: String) -> String? {
        let suffixes: [(String, String)] = [
            ("_ms", "ms"), ("_per_1k", "per 1,000 requests"), ("_per_second", "per second"),
            ("_seconds", "s"), ("_ratio", "share, 0 to 1"), ("_use", "share, 0 to 1"), ("_max", "share, 0 to 1"),
            ("_per_connection", "requests per connection"),
        ]
        for (suffix, unit) in suffixes where metric.hasSuffix(suffix) { return unit }
        return nil
    }

    /// `latency_p99_ms (ms)`, `metric (count)` for counts; `(ms, log scale)` on a logarithmic axis.
    static func axisLabel(of metric: String, logarithmic: Bool = false) -> String {
        "\(metric) (\(unit(of: metric) ?? "count")\(logarithmic ? ", log scale" : ""))"
    }
}
