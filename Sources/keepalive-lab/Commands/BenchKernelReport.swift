import Measurement
import ProxyModel

/// What `bench kernel` prints: the run's parameters, its speed and its fingerprint.
struct BenchKernelReport {
    var pending: Int
    var until: TimeSpan?
    var seed: UInt64
    var eventsProcessed: Int
    var finalTime: Instant
    var fingerprint: UInt64
    /// Wall-clock time of the run, from the monotonic clock.
    var elapsed: TimeSpan

    var eventsPerSecond: Double { Double(eventsProcessed) / elapsed.seconds }
    var nanosecondsPerEvent: Double { Double(elapsed.nanoseconds) / Double(eventsProcessed) }

    /// Aligned `label  value` lines for people.
    var text: String {
        let rows: [(String, String)] = [
            ("benchmark", "kernel (hold model)"),
            ("events", String(eventsProcessed)),
            ("seconds", NumberText.fixed(elapsed.seconds, fractionDigits: 6) ?? "-"),
            ("events/s", NumberText.fixed(eventsPerSecond, fractionDigits: 0) ?? "-"),
            ("ns/event", NumberText.fixed(nanosecondsPerEvent, fractionDigits: 1) ?? "-"),
            ("pending", String(pending)),
            ("until", until.map { $0.formatted() } ?? "none"),
            ("virtual time", (NumberText.fixed(TimeSpan(nanoseconds: finalTime.nanoseconds).seconds, fractionDigits: 9) ?? "-") + " s"),
            ("seed", String(seed)),
            ("fingerprint", NumberText.hexadecimal(fingerprint)),
            ("version", ProxyModelInfo.toolVersion),
        ]
        let width = rows.map(\.0.count).max()! + 2
        return rows.map { label, value in
            label + String(repeating: " ", count: width - label.count) + value + "\n"
        }.joined()
    }

    /// One JSON object, keys in a fixed order. The fingerprint is a hex string
    /// because JSON readers commonly lose integers above 2^53.
    var json: String {
        var object = JSONObjectWriter()
        object.add("benchmark", string: "kernel")
        object.add("version", string: ProxyModelInfo.toolVersion)
        object.add("events", integer: eventsProcessed)
        object.add("seconds", number: elapsed.seconds, fractionDigits: 9)
        object.add("events_per_second", number: eventsPerSecond, fractionDigits: 0)
        object.add("ns_per_event", number: nanosecondsPerEvent, fractionDigits: 1)
        object.add("pending", integer: pending)
        if let until { object.add("until_ns", integer: Int(until.nanoseconds)) } else { object.addNull("until_ns") }
        object.add("virtual_time_ns", integer: Int(finalTime.nanoseconds))
        object.add("seed", integer: seed)
        object.add("fingerprint", string: NumberText.hexadecimal(fingerprint))
        return object.text
    }
}
