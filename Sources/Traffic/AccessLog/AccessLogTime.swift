/// The time formats nginx writes in access logs, read back into
/// nanoseconds since the Unix epoch (or, for durations, nanoseconds).
/// No calendar library: the civil-date arithmetic is Howard Hinnant's
/// `days_from_civil` (proleptic Gregorian), exact for any year here.
public enum AccessLogTime {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `$msec`: "1733299200.123" (seconds, a point, milliseconds; any number of decimals accepted).
    public static func msec(_ text: String) -> Int64? { seconds(text, maximumWhole: 9_000_000_000) }

    /// A duration in seconds as nginx writes it ("0.012"); up to 9 decimals kept.
    public static func seconds(_ text: String) -> Int64? { seconds(text, maximumWhole: 9_000_000_000) }

    static func seconds(_ text: String, maximumWhole: Int64) -> Int64? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = parts.first, !wholeText.isEmpty, wholeText.count <= 12,
              wholeText.utf8.allSatisfy(isDigit), let whole = Int64(wholeText), whole <= maximumWhole else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.utf8.allSatisfy(isDigit) else { return nil }
            var scale: Int64 = 100_000_000
            for d in digits.utf8.prefix(9) { fraction += Int64(d - 48) * scale; scale /= 10 }
        }
        return whole * 1_000_000_000 + fraction
    }

    /// `$time_local`: "04/Dec/2026:07:40:31 +0000".
    public static func local(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count == 26, b[2] == UInt8(ascii: "/"), b[6] == UInt8(ascii: "/"), b[11] == UInt8(ascii: ":"),
              b[14] == UInt8(ascii: ":"), b[17] == UInt8(ascii: ":"), b[20] == UInt8(ascii: " "),
              let day = number(b[0..<2]), let month = months.firstIndex(of: String(decoding: b[3..<6], as: UTF8.self)),
              let year = number(b[7..<11]), let hour = number(b[12..<14]), let minute = number(b[15..<17]),
              let second = number(b[18..<20]), let offset = zoneOffset(b[21...]) else { return nil }
        return epoch(year: year, month: Int64(month + 1), day: day, hour: hour, minute: minute, second: second, offsetSeconds: offset)
    }

    /// `$time_iso8601`: "2026-12-04T07:40:31+00:00" (also "Z").
    public static func iso8601(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let year = number(b[0..<4]), let month = number(b[5..<7]), let day = number(b[8..<10]),
              let hour = number(b[11..<13]), let minute = number(b[14..<16]), let second = number(b[17..<19]) else { return nil }
        let zone = b[19...]
        let offset: Int64?
        if zone.elementsEqual([UInt8(ascii: "Z")]) {
            offset = 0
        } else if zone.count == 6, zone[zone.startIndex + 3] == UInt8(ascii: ":") {
            offset = zoneOffset(zone[zone.startIndex..<(zone.startIndex + 3)] + zone[(zone.startIndex + 4)...])
        } else {
            offset = nil
        }
        guard let offset else { return nil }
        return epoch(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetSeconds: offset)
    }

    /// "+0100" / "-0530" in seconds east of UTC.
    static func zoneOffset<C: Collection>(_ b: C) -> Int64? where C.Element == UInt8 {
        let a = Array(b)
        guard a.count == 5, a[0] == UInt8(ascii: "+") || a[0] == UInt8(ascii: "-"),
              let hours = number(a[1..<3]), let minutes = number(a[3..<5]), hours <= 23, minutes <= 59 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return a[0] == UInt8(ascii: "-") ? -seconds : seconds
    }

    static func epoch(year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, offsetSeconds: Int64) -> Int64? {
        guard (1970...2200).contains(year), (1...12).contains(month), (1...31).contains(day), hour <= 23, minute <= 59,
              second <= 60 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return seconds >= 0 ? seconds * 1_000_000_000 : nil
    }

    /// Days since 1970-01-01 (Hinnant, "chrono-Compatible Low-Level Date Algorithms").
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// A civil date and time (UTC) for nanoseconds since the epoch: what a test log generator writes.
    public static func civil(_ nanoseconds: Int64) -> (year: Int64, month: Int, day: Int64, hour: Int64, minute: Int64, second: Int64) {
        let seconds = nanoseconds / 1_000_000_000
        let z = seconds / 86_400 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let inDay = seconds % 86_400
        return (year, Int(month), day, inDay / 3600, inDay / 60 % 60, inDay % 60)
    }

    /// `$time_local` text (UTC, "+0000") for nanoseconds since the epoch.
    public static func localText(_ nanoseconds: Int64) -> String {
        let c = civil(nanoseconds)
        return "\(two(c.day))/\(months[c.month - 1])/\(c.year):\(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }

    /// `$time_iso8601` text (UTC, "+00:00").
    public static func iso8601Text(_ nanoseconds: Int64) -> String {
        let c = civil(nanoseconds)
        return "\(c.year)-\(two(Int64(c.month)))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))+00:00"
    }

    /// `$msec` / `$request_time` text: seconds with three decimals.
    public static func millisecondsText(_ nanoseconds: Int64) -> String {
        let ms = nanoseconds / 1_000_000
        let fraction = String(ms % 1000)
        return "\(ms / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }

    static func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func number<C: Collection>(_ digits: C) -> Int64? where C.Element == UInt8 {
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
        return digits.reduce(Int64(0)) { $0 * 10 + Int64($1 - 48) }
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}
