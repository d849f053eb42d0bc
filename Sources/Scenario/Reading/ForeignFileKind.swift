/// Files people give where a model file belongs — an nginx.conf, an access
/// log — recognised when they fail to parse as JSON5, so that the error names
/// what the file is and the command that reads it instead of a JSON5 syntax
/// error at line 1.
///
/// Only consulted after the JSON5 parse failed: a valid model is never
/// second-guessed. The checks look at the first lines only, so a 16 MiB file
/// costs no more than a short one.
public enum ForeignFileKind: Equatable, Sendable {
    case nginxConfiguration
    case accessLog

    /// What the file looks like, or nil when it looks like neither.
    public static func detect(_ bytes: [UInt8]) -> ForeignFileKind? {
        // A model opens with '{' (after comments); neither an nginx.conf nor a log can.
        guard firstSignificantByte(bytes) != UInt8(ascii: "{") else { return nil }
        let lines = leadingLines(bytes)
        if looksLikeAccessLog(lines) { return .accessLog }
        if looksLikeNginxConfiguration(lines) { return .nginxConfiguration }
        return nil
    }

    /// The message replacing the JSON5 syntax error.
    public func message(path: String) -> String {
        switch self {
        case .nginxConfiguration:
            return "this looks like an nginx configuration, not a model file (JSON5); "
                + "read it into a model with: keepalive-lab nginx import \(path) --out MODEL.json5"
        case .accessLog:
            return "this looks like an nginx access log, not a model file (JSON5); "
                + "turn it into a trace with: keepalive-lab trace import \(path), "
                + "and name the trace in a model's traffic section"
        }
    }

    /// How many lines are looked at, and how much of each.
    static let linesExamined = 40
    static let lineBytesExamined = 4096

    /// The first byte that is not white space or inside a JSON5 comment (`//`, `/* */`).
    static func firstSignificantByte(_ bytes: [UInt8]) -> UInt8? {
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                index += 1
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                index += 2
            default:
                return bytes[index]
            }
        }
        return nil
    }

    /// The first non-blank lines, trimmed.
    static func leadingLines(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        var start = 0
        while start < bytes.count, lines.count < linesExamined {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let trimmed = String(decoding: bytes[start..<min(end, start + lineBytesExamined)], as: UTF8.self).trimmingSpaces
            if !trimmed.isEmpty { lines.append(trimmed) }
            start = end + 1
        }
        return lines
    }

    /// nginx's own grammar: `name args;` and `name args {`, with block names
    /// nginx.conf files start with (`events {`, `http {`, `server {`, `upstream x {`)
    /// or main-context directives (`worker_processes 4;`, `user www-data;`).
    static func looksLikeNginxConfiguration(_ lines: [String]) -> Bool {
        let blockNames: Set<String> = ["events", "http", "server", "upstream", "location", "stream", "map"]
        let mainDirectives: Set<String> = ["worker_processes", "user", "pid", "error_log", "include", "worker_rlimit_nofile",
                                           "load_module", "daemon", "worker_connections"]
        var statements = 0
        var nginxWords = 0
        for commented in lines {
            // `#` starts a comment to the end of the line (ngx_conf_file.c).
            let line = (commented.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .description.trimmingSpaces
            let first = line.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            let name = first.hasSuffix("{") ? String(first.dropLast()) : first
            // JSON5 keys end in ':' and are often quoted: never an nginx statement.
            guard !name.contains(":"), !name.hasPrefix("\""), !name.hasPrefix("'") else { continue }
            if line.hasSuffix(";") || line.hasSuffix("{") {
                statements += 1
                if blockNames.contains(name) && line.hasSuffix("{") || mainDirectives.contains(name) { nginxWords += 1 }
            }
        }
        return nginxWords >= 1 && statements >= 2
    }

    /// Combined (or common) log format: `ADDRESS - USER [TIME] "METHOD URI PROTO" STATUS BYTES ...`.
    /// Most of the first lines must look so.
    static func looksLikeAccessLog(_ lines: [String]) -> Bool {
        guard !lines.isEmpty else { return false }
        let matching = lines.filter(isCombinedLogLine).count
        return matching * 2 > lines.count
    }

    static func isCombinedLogLine(_ line: String) -> Bool {
        let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
        guard fields.count == 4, fields[1] == "-" || !fields[1].isEmpty else { return false }
        let rest = fields[3]
        // [04/Dec/2026:07:40:31 +0000] "GET / HTTP/1.1" 200
        guard rest.hasPrefix("["), let close = rest.firstIndex(of: "]") else { return false }
        let afterTime = rest[rest.index(after: close)...].drop(while: { $0 == " " })
        guard afterTime.hasPrefix("\""), let quoteEnd = afterTime.dropFirst().firstIndex(of: "\"") else { return false }
        let status = afterTime[afterTime.index(after: quoteEnd)...].drop(while: { $0 == " " }).prefix(3)
        return status.count == 3 && status.allSatisfy(\.isNumber)
    }
}
