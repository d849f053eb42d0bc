import Measurement
import ProxyModel

/// What `bench model` prints: the scenario's size, the simulator's speed, its memory and its fingerprint.
struct BenchModelReport {
    var virtualSeconds: Int
    var seed: UInt64
    /// Requests the clients sent during the run.
    var requests: UInt64
    /// Events the kernel delivered.
    var events: UInt64
    var fingerprint: UInt64
    /// Wall-clock time of the run, from the monotonic clock.
    var elapsed: TimeSpan
    var peakMemoryBytes: Int64?

    var requestsPerSecond: Double { Double(requests) / elapsed.seconds }
    var eventsPerSecond: Double { Double(events) / elapsed.seconds }
    var nanosecondsPerEvent: Double { Double(elapsed.nanoseconds) / Double(max(1, events)) }
    var peakMemoryMiB: Double? { peakMemoryBytes.map { Double($0) / 1_048_576 } }

    static let scenario = "10,000 req/s Poisson, 4 workers, keepalive 32, 4 backends"

    /// Aligned `label  value` lines for people.
    var text: String {
        let rows: [(String, String)] = [
            ("benchmark", "model (\(Self.scenario))"),
            ("virtual time", "\(virtualSeconds) s"),
            ("requests", NumberText.grouped(requests)),
            ("events", NumberText.grouped(events)),
            ("seconds", NumberText.fixed(elapsed.seconds, fractionDigits: 3) ?? "-"),
            ("requests/s", NumberText.fixed(requestsPerSecond, fractionDigits: 0) ?? "-"),
            ("events/s", NumberText.fixed(eventsPerSecond, fractionDigits: 0) ?? "-"),
            ("ns/event", NumberText.fixed(nanosecondsPerEvent, fractionDigits: 1) ?? "-"),
            ("peak memory", peakMemoryMiB.map { (NumberText.fixed($0, fractionDigits: 1) ?? "-") + " MiB" } ?? "unknown"),
            ("seed", String(seed)),
            ("fingerprint", NumberText.hexadecimal(fingerprint)),
            ("version", ProxyModelInfo.toolVersion),
        ]
        let width = rows.map(\.0.count).max()! + 2
        return rows.map { label, value in
            label + String(repeating: " ", count: width - label.count) + value + "\n"
        }.joined()
    }

    /// One JSON object, keys in a fixed order; the fingerprint as a hex string
    /// because JSON readers commonly lose integers above 2^53.
    var json: String {
        var object = JSONObjectWriter()
        object.add("benchmark", string: "model")
        object.add("version", string: ProxyModelInfo.toolVersion)
        object.add("virtual_seconds", integer: virtualSeconds)
        object.add("requests", integer: requests)
        object.add("events", integer: events)
        object.add("seconds", number: elapsed.seconds, fractionDigits: 9)
        object.add("requests_per_second", number: requestsPerSecond, fractionDigits: 0)
        object.add("events_per_second", number: eventsPerSecond, fractionDigits: 0)
        object.add("ns_per_event", number: nanosecondsPerEvent, fractionDigits: 1)
        if let peakMemoryBytes { object.add("peak_memory_bytes", integer: peakMemoryBytes) } else { object.addNull("peak_memory_bytes") }
        object.add("seed", integer: seed)
        object.add("fingerprint", string: NumberText.hexadecimal(fingerprint))
        return object.text
    }
}
