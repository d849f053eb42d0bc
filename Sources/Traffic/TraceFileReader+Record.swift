import ProxyModel

/// Parsing one row of a trace into a `TraceRecord`, straight from its
/// bytes (no String per field, so long traces read fast).
extension TraceFileReader {
    /// The largest `time_ms`: 9e12 ms is 9e18 ns, still an `Int64` (about 285 years).
    static let maximumMilliseconds: Int64 = 9_000_000_000_000
    /// The largest request or response size: 1 TB, the bound model files have too.
    static let maximumBytes: Int64 = 1_000_000_000_000
    static let methods = HTTPMethod.allCases
    static let methodNames = methods.map { Array($0.rawValue.utf8) }

    func parseRecord() throws(ReadError) -> TraceRecord {
        guard fields.count == fieldCount else {
            throw fail("expected \(fieldCount) comma-separated field\(fieldCount == 1 ? "" : "s") as the header names, found \(fields.count)")
        }
        let line = lines.line
        let timeField = line[fields[columnIndex[0]]]
        guard let time = Self.parseMilliseconds(timeField) else {
            throw fail(Self.timeProblem(timeField))
        }
        if time < previousTime {
            throw fail("time_ms \(Self.quoted(timeField)) is before the previous record's \(Self.millisecondsText(previousTime)); "
                + "a trace must be sorted by time")
        }
        let clientField = line[fields[columnIndex[1]]]
        guard let client = Self.parseUnsigned(clientField, maximum: Int64(Int32.max)) else {
            throw fail("client must be an integer from 0 to \(Int32.max) (got \(Self.quoted(clientField)))")
        }
        var method = HTTPMethod.get
        if columnIndex[2] >= 0, !fields[columnIndex[2]].isEmpty {
            let field = line[fields[columnIndex[2]]]
            guard let found = Self.methodNames.firstIndex(where: { Self.equalsIgnoringCase(field, $0) }) else {
                throw fail("unknown method \(Self.quoted(field)); valid: \(HTTPMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            method = Self.methods[found]
        }
        let requestBytes = try bytes(column: 3, default: 0)
        let responseBytes = try bytes(column: 4, default: 1_000)
        previousTime = time
        // Slowed down past the end of time (speed < 1 on a 285-year trace): the last instant.
        let stretched = (Double(time) / speed).rounded(.down)
        let scaled = speed == 1 ? time : stretched < 9.2e18 ? Int64(stretched) : Instant.distantFuture.nanoseconds
        return TraceRecord(time: Instant(nanoseconds: scaled), client: Int32(client), method: method,
                           requestBytes: requestBytes, responseBytes: responseBytes,
                           uri: try uri(), clientAddress: try clientAddress(), observed: try observation())
    }

    /// The largest URI, as for `traffic.uris`.
    static let maximumURIBytes = 8_192

    func field(_ column: Int) -> ArraySlice<UInt8>? {
        guard columnIndex[column] >= 0, !fields[columnIndex[column]].isEmpty else { return nil }
        return lines.line[fields[columnIndex[column]]]
    }

    func uri() throws(ReadError) -> String? {
        guard let field = field(5) else { return nil }
        guard field.count <= Self.maximumURIBytes, !field.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw fail("uri must be at most \(Self.maximumURIBytes) bytes without control characters (got \(Self.quoted(field)))")
        }
        return String(decoding: field, as: UTF8.self)
    }

    func clientAddress() throws(ReadError) -> UInt32? {
        guard let field = field(6) else { return nil }
        guard let address = IPv4Network.address(Substring(String(decoding: field, as: UTF8.self))) else {
            throw fail("client_address must be an IPv4 address a.b.c.d (got \(Self.quoted(field))); leave it empty for others")
        }
        return address
    }

    /// The observed columns (7...13), nil when the header names none.
    func observation() throws(ReadError) -> TraceObservation? {
        guard columnIndex[7...].contains(where: { $0 >= 0 }) else { return nil }
        var seen = TraceObservation()
        seen.status = try count(column: 7, maximum: 999).map(Int.init)
        seen.requestTime = try duration(column: 8)
        seen.upstreamConnectTime = try duration(column: 9)
        seen.upstreamResponseTime = try duration(column: 10)
        seen.upstreamAttempts = try count(column: 11, maximum: 1_000).map(Int.init)
        seen.connection = try count(column: 12, maximum: Self.maximumBytes)
        seen.connectionRequests = try count(column: 13, maximum: Self.maximumBytes)
        return seen
    }

    func count(column: Int, maximum: Int64) throws(ReadError) -> Int64? {
        guard let field = field(column) else { return nil }
        guard let n = Self.parseUnsigned(field, maximum: maximum) else {
            throw fail("\(Self.columns[column]) must be an integer from 0 to \(maximum) (got \(Self.quoted(field)))")
        }
        return n
    }

    func duration(column: Int) throws(ReadError) -> Int64? {
        guard let field = field(column) else { return nil }
        guard let n = Self.parseMilliseconds(field) else {
            throw fail("\(Self.columns[column]) must be a number of milliseconds >= 0 such as 12 or 12.5 (got \(Self.quoted(field)))")
        }
        return n
    }

    func bytes(column: Int, default value: Int64) throws(ReadError) -> Int64 {
        guard columnIndex[column] >= 0, !fields[columnIndex[column]].isEmpty else { return value }
        let field = lines.line[fields[columnIndex[column]]]
        guard let n = Self.parseUnsigned(field, maximum: Self.maximumBytes) else {
            throw fail("\(Self.columns[column]) must be an integer from 0 to \(Self.maximumBytes) (1 TB) (got \(Self.quoted(field)))")
        }
        return n
    }

    // MARK: Fields

    /// Milliseconds as a plain decimal ("12", "12.5", ".5", "12.") to
    /// nanoseconds, exactly: six decimals are nanoseconds, a 7th rounds
    /// half up, later ones are ignored. Nil unless a number in range.
    static func parseMilliseconds(_ text: ArraySlice<UInt8>) -> Int64? {
        let point = text.firstIndex(of: UInt8(ascii: ".")) ?? text.endIndex
        let whole = text[..<point], fraction = text[(point < text.endIndex ? point + 1 : point)...]
        guard !(whole.isEmpty && fraction.isEmpty), fraction.allSatisfy(isDigit) else { return nil }
        let milliseconds: Int64
        if whole.isEmpty {
            milliseconds = 0
        } else {
            guard let m = parseUnsigned(whole, maximum: maximumMilliseconds) else { return nil }
            milliseconds = m
        }
        var nanoseconds: Int64 = 0
        for (i, digit) in fraction.prefix(7).enumerated() {
            let value = Int64(digit - UInt8(ascii: "0"))
            if i < 6 { nanoseconds = nanoseconds * 10 + value } else if value >= 5 { nanoseconds += 1 }
        }
        for _ in min(6, fraction.count)..<6 { nanoseconds *= 10 }
        let total = milliseconds * 1_000_000 + nanoseconds
        return total <= maximumMilliseconds * 1_000_000 ? total : nil
    }

    /// Why `text` is not a valid time_ms, and what is.
    static func timeProblem(_ text: ArraySlice<UInt8>) -> String {
        if text.isEmpty { return "time_ms is empty; it must be a number of milliseconds >= 0 such as 12 or 12.5" }
        if text.first == UInt8(ascii: "-"), parseMilliseconds(text.dropFirst()) != nil {
            return "time_ms must not be negative (got \(quoted(text))); it counts milliseconds from the start of the trace"
        }
        let isPlainDecimal = text.contains(where: isDigit) && text.filter { $0 == UInt8(ascii: ".") }.count <= 1
            && text.allSatisfy { isDigit($0) || $0 == UInt8(ascii: ".") }
        if isPlainDecimal {
            return "time_ms must be at most \(maximumMilliseconds) (about 285 years) (got \(quoted(text)))"
        }
        return "time_ms must be a number of milliseconds >= 0 written as a plain decimal such as 12 or 12.5 (got \(quoted(text)))"
    }

    /// A non-empty run of ASCII digits no larger than `maximum`.
    static func parseUnsigned(_ text: ArraySlice<UInt8>, maximum: Int64) -> Int64? {
        guard !text.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in text {
            guard isDigit(byte) else { return nil }
            let digit = Int64(byte - UInt8(ascii: "0"))
            guard value <= (maximum - digit) / 10 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// `text` equals `upper` (ASCII capitals) ignoring ASCII letter case.
    static func equalsIgnoringCase(_ text: ArraySlice<UInt8>, _ upper: [UInt8]) -> Bool {
        text.count == upper.count && zip(text, upper).allSatisfy { a, b in
            a == b || (a >= UInt8(ascii: "a") && a <= UInt8(ascii: "z") && a - 32 == b)
        }
    }

    /// Nanoseconds as milliseconds, exactly and without trailing zeros.
    static func millisecondsText(_ nanoseconds: Int64) -> String {
        let whole = nanoseconds / 1_000_000, fraction = nanoseconds % 1_000_000
        guard fraction > 0 else { return "\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    /// A field or name for an error message: quoted, control characters
    /// escaped, cut after 40 characters, so a message stays one readable line.
    static func quoted(_ bytes: ArraySlice<UInt8>) -> String { quoted(String(decoding: bytes, as: UTF8.self)) }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if i == 40 { out += "…"; break }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
