import ProxyModel

/// nginx's time syntax (ngx_parse_time() in src/core/ngx_parse_time.c):
/// numbers with units from the largest to the smallest, `1h30m`, `500ms`,
/// `75s`, `75` (a bare number is seconds); units `y` (365 days), `M` (30
/// days), `w`, `d`, `h`, `m`, `s`, `ms`. Directives that hold seconds
/// (`fail_timeout`) refuse `ms`.
enum NginxTime {
    private static let units: [(text: String, nanoseconds: Int64)] = [
        ("y", 365 * 86_400 * 1_000_000_000), ("M", 30 * 86_400 * 1_000_000_000), ("w", 7 * 86_400 * 1_000_000_000),
        ("d", 86_400 * 1_000_000_000), ("h", 3_600 * 1_000_000_000), ("m", 60 * 1_000_000_000),
        ("s", 1_000_000_000), ("ms", 1_000_000),
    ]

    /// The span `text` stands for; nil when nginx would refuse it ("invalid value").
    static func parse(_ text: String, secondsOnly: Bool = false) -> TimeSpan? {
        var total: Int64 = 0
        var value: Int64? = nil
        var lastUnit = -1
        var scalars = Array(text.unicodeScalars)[...]
        guard !scalars.isEmpty else { return nil }
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            if (48...57).contains(scalar.value) {
                let digit = Int64(scalar.value - 48)
                let (times, overflowA) = (value ?? 0).multipliedReportingOverflow(by: 10)
                let (sum, overflowB) = times.addingReportingOverflow(digit)
                guard !overflowA, !overflowB else { return nil }
                value = sum
                continue
            }
            if scalar == " " { continue }
            var unitText = String(scalar)
            if scalar == "m", scalars.first == "s" {
                unitText = "ms"
                scalars = scalars.dropFirst()
            }
            guard let unit = units.firstIndex(where: { $0.text == unitText }), unit > lastUnit, let count = value else { return nil }
            if unitText == "ms" && secondsOnly { return nil }
            guard let part = multiply(count, units[unit].nanoseconds), let sum = add(total, part) else { return nil }
            total = sum
            lastUnit = unit
            value = nil
        }
        if let count = value {  // a bare number: seconds
            guard lastUnit < units.firstIndex(where: { $0.text == "s" })!, let part = multiply(count, 1_000_000_000),
                  let sum = add(total, part) else { return nil }
            total = sum
        }
        return TimeSpan(nanoseconds: total)
    }

    /// The span in nginx's syntax (`4s`, `1500ms`, `1h`); nil when nginx cannot
    /// express it: below a millisecond, or not whole seconds for `secondsOnly`.
    static func format(_ span: TimeSpan, secondsOnly: Bool = false) -> String? {
        let n = span.nanoseconds
        guard n >= 0 else { return nil }
        let second: Int64 = 1_000_000_000
        if n % second == 0 {
            let seconds = n / second
            if seconds > 0, seconds % 3_600 == 0 { return "\(seconds / 3_600)h" }
            if seconds > 0, seconds % 60 == 0 { return "\(seconds / 60)m" }
            return "\(seconds)s"
        }
        guard !secondsOnly, n % 1_000_000 == 0 else { return nil }
        return "\(n / 1_000_000)ms"
    }

    private static func multiply(_ a: Int64, _ b: Int64) -> Int64? {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : result
    }

    private static func add(_ a: Int64, _ b: Int64) -> Int64? {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : result
    }
}
