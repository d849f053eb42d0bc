/// Splitting one line written with the format into its variables' values,
/// and reading the values the reader understands.
extension AccessLogFormat {
    public struct LineError: Error, CustomStringConvertible, Sendable, Equatable {
        public var message: String
        public var description: String { message }
    }

    public func parse(line: String) throws(LineError) -> AccessLogRecord {
        try parse(line: Array(line.utf8))
    }

    public func parse(line: [UInt8]) throws(LineError) -> AccessLogRecord {
        var matching = Matching(line: line)
        var record = AccessLogRecord()
        guard match(from: 0, at: 0, into: &record, &matching) else {
            throw matching.firstError ?? LineError(message: "the line does not match the log format")
        }
        if record.uri == nil, let uri = record.values.first(where: { $0.variable == .uri }).map(\.text), uri != "-" {
            let arguments = record.values.first { $0.variable == .arguments }?.text ?? "-"
            record.uri = unescaped(arguments == "-" || arguments.isEmpty ? uri : uri + "?" + arguments)
        }
        return record
    }

    /// One line being matched: the first problem met (the one reported if no
    /// way of splitting works) and a bound on the splits tried.
    struct Matching {
        let line: [UInt8]
        var firstError: LineError?
        var budget = 4_096

        mutating func note(_ message: String) {
            if firstError == nil { firstError = LineError(message: message) }
        }
    }

    /// Matches segments `index...` against the line from `position`. A
    /// variable's value ends at the first place the text after it appears
    /// where the value is valid for the variable and the rest of the line
    /// matches too (so "0.000, 0.004" before a plain space is one value).
    func match(from index: Int, at position: Int, into record: inout AccessLogRecord, _ m: inout Matching) -> Bool {
        let line = m.line
        guard index < segments.count else {
            if position == line.count { return true }
            m.note("unexpected text after the format's end at byte \(position + 1): "
                + Self.shown(String(decoding: line[position...].prefix(20), as: UTF8.self)))
            return false
        }
        switch segments[index] {
        case .literal(let text):
            guard line.count - position >= text.count, line[position..<(position + text.count)].elementsEqual(text) else {
                m.note("expected \(Self.shown(String(decoding: text, as: UTF8.self))) at byte \(position + 1), found "
                    + (position < line.count ? Self.shown(String(decoding: line[position...].prefix(20), as: UTF8.self)) : "the end of the line"))
                return false
            }
            return match(from: index + 1, at: position + text.count, into: &record, &m)
        case .variable(let variable):
            var candidates = ValueEnds(format: self, index: index, line: line, from: position)
            var found = false
            while let end = candidates.next() {
                found = true
                m.budget -= 1
                guard m.budget >= 0 else { m.note("the line can be split in too many ways; it does not match the log format"); return false }
                let text = String(decoding: line[position..<end], as: UTF8.self)
                var attempt = record
                do {
                    try read(variable, text, into: &attempt)
                } catch {
                    m.note(error.message)
                    continue
                }
                attempt.values.append((variable, text))
                if match(from: index + 1, at: end, into: &attempt, &m) {
                    record = attempt
                    return true
                }
            }
            if !found, index + 1 < segments.count, case .literal(let next) = segments[index + 1] {
                m.note("no \(Self.shown(String(decoding: next, as: UTF8.self))) after $\(variable.name) (from byte \(position + 1)); "
                    + "the line does not match the log format")
            }
            return false
        }
    }

    /// Where the value of the variable at `index` may end: the end of the
    /// line (last segment), the final literal at the end of the line, or
    /// each occurrence of the next literal, first to last.
    struct ValueEnds {
        let needle: [UInt8]?
        let line: [UInt8]
        var position: Int
        var fixed: Int?

        init(format: AccessLogFormat, index: Int, line: [UInt8], from start: Int) {
            self.line = line
            position = start
            let segments = format.segments
            if index + 1 == segments.count {
                needle = nil; fixed = line.count
            } else if case .literal(let next) = segments[index + 1] {
                if index + 2 == segments.count {
                    needle = nil
                    fixed = line.count - next.count >= start && line[(line.count - next.count)...].elementsEqual(next)
                        ? line.count - next.count : nil
                } else {
                    needle = next; fixed = nil
                }
            } else {
                needle = nil; fixed = nil  // cannot happen: the format refuses adjacent variables
            }
        }

        mutating func next() -> Int? {
            if let end = fixed { fixed = nil; position = line.count + 1; return end }
            guard let needle, let found = AccessLogFormat.firstIndex(of: needle, in: line, from: position) else { return nil }
            position = found + 1
            return found
        }
    }

    func read(_ variable: AccessLogVariable, _ text: String, into record: inout AccessLogRecord) throws(LineError) {
        let dash = text == "-" || text.isEmpty
        switch variable {
        case .msec:
            guard let t = AccessLogTime.msec(text) else { throw bad(variable, text, "seconds since 1970 with milliseconds, e.g. 1733299200.123") }
            record.loggedAt = t; record.loggedAtResolution = .millisecond
        case .timeLocal:
            guard let t = AccessLogTime.local(text) else { throw bad(variable, text, "nginx's local time, e.g. 04/Dec/2026:07:40:31 +0000") }
            if record.loggedAtResolution != .millisecond { record.loggedAt = t; record.loggedAtResolution = .second }
        case .timeISO8601:
            guard let t = AccessLogTime.iso8601(text) else { throw bad(variable, text, "ISO 8601 time, e.g. 2026-12-04T07:40:31+00:00") }
            if record.loggedAtResolution != .millisecond { record.loggedAt = t; record.loggedAtResolution = .second }
        case .remoteAddress:
            if !dash { record.remoteAddress = text }
        case .request:
            // "METHOD URI PROTOCOL" (HTTP/0.9: no protocol); anything else (a
            // scanner's bytes, a TLS hello on a plain port) leaves both unknown.
            let words = text.split(separator: " ", omittingEmptySubsequences: false)
            if (2...3).contains(words.count), !words[0].isEmpty, words[0].allSatisfy({ $0.isASCII && $0.isLetter }),
               words[1].hasPrefix("/") || words[1].hasPrefix("http") || words[1] == "*" {
                record.method = String(words[0])
                if record.uri == nil { record.uri = unescaped(String(words[1])) }
            }
        case .requestMethod:
            if !dash { record.method = text }
        case .requestURI:
            if !dash { record.uri = unescaped(text) }
        case .status:
            guard let n = Int(text), (0...999).contains(n) else { throw bad(variable, text, "a three-digit status such as 200") }
            record.status = n
        case .bodyBytesSent: record.bodyBytesSent = try count(variable, text)
        case .bytesSent: record.bytesSent = try count(variable, text)
        case .requestLength: record.requestLength = try count(variable, text)
        case .contentLength: record.contentLength = dash ? nil : try count(variable, text)
        case .requestTime:
            guard let t = AccessLogTime.seconds(text) else { throw bad(variable, text, "seconds with milliseconds, e.g. 0.012") }
            record.requestTime = t
        case .upstreamConnectTime: record.upstreamConnectTimes = try times(variable, text)
        case .upstreamHeaderTime: record.upstreamHeaderTimes = try times(variable, text)
        case .upstreamResponseTime: record.upstreamResponseTimes = try times(variable, text)
        case .upstreamAddress: record.upstreamAddresses = dash ? [] : Self.attempts(text)
        case .upstreamStatus:
            record.upstreamStatuses = dash ? [] : try Self.attempts(text).map { (s) throws(LineError) -> Int? in
                if s == "-" { return nil }
                guard let n = Int(s), (0...999).contains(n) else { throw bad(variable, text, "statuses such as 200 or \"502, 200\"") }
                return n
            }
        case .connection: record.connection = try count(variable, text)
        case .connectionRequests: record.connectionRequests = try count(variable, text)
        case .host, .httpHost:
            if !dash, record.host == nil { record.host = text }
        case .uri, .arguments, .other:
            break  // kept in `values`; $uri with $args is put together at the end
        }
    }

    func bad(_ variable: AccessLogVariable, _ text: String, _ valid: String) -> LineError {
        LineError(message: "$\(variable.name) is \(Self.shown(text)); expected \(valid)")
    }

    func count(_ variable: AccessLogVariable, _ text: String) throws(LineError) -> Int64 {
        guard text.utf8.count <= 15, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int64(text) else {
            throw bad(variable, text, "a whole number of at most 15 digits")
        }
        return n
    }

    /// "0.002", "0.002, 0.010", "- : 0.004": one value per attempt, `-` for none.
    func times(_ variable: AccessLogVariable, _ text: String) throws(LineError) -> [Int64?] {
        if text == "-" || text.isEmpty { return [] }
        return try Self.attempts(text).map { (value) throws(LineError) -> Int64? in
            if value == "-" { return nil }
            guard let t = AccessLogTime.seconds(value) else {
                throw bad(variable, text, "seconds per attempt, e.g. 0.002 or \"0.000, 0.004\"")
            }
            return t
        }
    }

    /// Splits an upstream variable's per-attempt values (", " between
    /// attempts, " : " between internal redirects).
    static func attempts(_ text: String) -> [String] {
        text.split(separator: " : ").flatMap { $0.split(separator: ", ") }.map { String($0.trimmingASCIISpaces()) }
    }

    /// Undoes nginx's escaping of a value (`\xHH` in the default escaping; JSON's escapes in escape=json).
    func unescaped(_ text: String) -> String {
        guard escaping != .none, text.contains("\\") else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = [], i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                let next = bytes[i + 1]
                if next == UInt8(ascii: "x"), i + 3 < bytes.count, let h = Self.hexValue(bytes[i + 2]), let l = Self.hexValue(bytes[i + 3]) {
                    out.append(h << 4 | l); i += 4; continue
                }
                if escaping == .json, next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") || next == UInt8(ascii: "/") {
                    out.append(next); i += 2; continue
                }
            }
            out.append(bytes[i]); i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Text for a message: quoted, control characters escaped, cut after 40 characters (as trace errors quote).
    static func shown(_ text: String) -> String { TraceFileReader.quoted(text) }
}
