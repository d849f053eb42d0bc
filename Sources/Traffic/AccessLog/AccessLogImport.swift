import ProxyModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns an nginx access log (plain or gzip) into a trace, streaming: what
/// each line allows is reconstructed, every line that cannot be used is
/// counted (the first ones shown with their line numbers), and the records
/// come out in order of sending.
///
/// Rules, each stated in the report's notes when it applies:
/// - Send time = the log time minus `$request_time` (nginx writes the line
///   when the request ends; `ngx_http_log_handler` runs in the log phase).
///   Without `$request_time` the log time itself is used.
/// - `$msec` is known to the millisecond. `$time_local` and `$time_iso8601`
///   only to the second: the n lines logged in one second (consecutive in the
///   file) are spread evenly over it, line i at (i + 1/2) / n of the second.
/// - Lines are written in order of completion, so records wait in a reorder
///   buffer until the log is `reorderWindow` past them; a request that took
///   longer than the window is sent at the window's edge (counted).
/// - Times count from the first request sent.
/// - Clients are the distinct `$remote_addr` (with `$host` when logged: a
///   browser's connections per host name), numbered in order of appearance;
///   IPv4 addresses are kept for `ip_hash`, others left to the model.
public enum AccessLogImport {
    public struct Options: Sendable {
        public var format: AccessLogFormat
        /// How long after a line's send time later lines may still be sent before it, in nanoseconds.
        public var reorderWindow: Int64
        /// How many unusable lines the report quotes.
        public var shownBadLines: Int

        public init(format: AccessLogFormat, reorderWindow: Int64 = 60_000_000_000, shownBadLines: Int = 20) {
            self.format = format; self.reorderWindow = max(0, reorderWindow); self.shownBadLines = max(0, shownBadLines)
        }
    }

    public struct BadLine: Hashable, Sendable {
        public var line: Int
        public var message: String
    }

    public struct Report: Sendable {
        public var lines = 0
        public var blankLines = 0
        public var imported = 0
        public var badLines = 0
        /// The first `shownBadLines` unusable lines.
        public var shownBadLines: [BadLine] = []
        public var clients = 0
        /// Requests whose client address is not IPv4 (kept out of the trace).
        public var nonIPv4Addresses = 0
        /// Requests logged only to the second, spread within it.
        public var spreadWithinSecond = 0
        /// Requests that took longer than the reorder window, sent at its edge.
        public var lateRequests = 0
        public var compressed = false
        /// The first and last log times (nanoseconds since the epoch).
        public var firstLoggedAt: Int64?
        public var lastLoggedAt: Int64?
        /// The rules that applied to this log, in words.
        public var notes: [String] = []
    }

    public struct ImportError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var line: Int
        public var message: String
        public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
    }

    /// The largest number of lines of one second spread together (memory stays bounded).
    static let maximumLinesPerSecond = 1_000_000
    /// The most distinct clients numbered; later ones share numbers (modulo).
    static let maximumClients = 1_000_000

    /// Reads the log at `path` and hands each trace record, in order, to `emit`.
    public static func run(path: String, options: Options, emit: @escaping (TraceRecord) -> Void) throws(ImportError) -> Report {
        let format = options.format
        guard format.has(.msec) || format.has(.timeLocal) || format.has(.timeISO8601) else {
            throw ImportError(path: path, line: 0, message: "the log format has no $msec, $time_local or $time_iso8601: "
                + "a trace needs each request's time; give the log_format the log was written with")
        }
        let lines: LineReader
        do {
            lines = try LineReader(path: path)
        } catch {
            throw ImportError(path: path, line: 0, message: explain(error))
        }
        var state = ImportState(options: options, emit: emit)
        while true {
            do {
                guard try lines.advance() else { break }
            } catch {
                throw ImportError(path: path, line: lines.lineNumber, message: explain(error))
            }
            state.report.lines = lines.lineNumber
            state.take(lines.line, lineNumber: lines.lineNumber)
        }
        state.finish()
        state.report.compressed = lines.isCompressed
        state.report.notes = notes(state.report, format: format, window: options.reorderWindow)
        return state.report
    }

    static func explain(_ failure: LineReader.Failure) -> String {
        switch failure {
        case .cannotOpen(let code), .cannotRead(let code):
            return "cannot read the access log (\(String(cString: strerror(code)))); give the path of an nginx access log, plain or gzip"
        case .lineTooLong:
            return "the line is longer than \(LineReader.maximumLineLength) bytes: not an access log line"
        case .corruptGzip, .inflatesTooMuch:
            return failure.gzipProblem
        }
    }

    static func notes(_ report: Report, format: AccessLogFormat, window: Int64) -> [String] {
        var notes: [String] = []
        if format.has(.requestTime) {
            notes.append("send time = log time - $request_time (nginx logs a request when it ends)")
        } else {
            notes.append("the format has no $request_time: each request is sent at its log time, which is when it ended")
        }
        if report.spreadWithinSecond > 0 {
            notes.append("\(report.spreadWithinSecond) requests were logged only to the second ($time_local or $time_iso8601, "
                + "no $msec): the n lines of one second are spread evenly over it, line i at (i + 1/2)/n")
        }
        if report.lateRequests > 0 {
            notes.append("\(report.lateRequests) requests took longer than the reorder window (\(window / 1_000_000_000)s) "
                + "and are sent at its edge, later than they were")
        }
        if !format.has(.request) && !format.has(.requestMethod) { notes.append("the format has no $request or $request_method: every request is a GET") }
        if !format.has(.bodyBytesSent) && !format.has(.bytesSent) {
            notes.append("the format has no $body_bytes_sent or $bytes_sent: every response is 1000 bytes")
        }
        if !format.has(.remoteAddress) { notes.append("the format has no $remote_addr: all requests come from one client") }
        if report.nonIPv4Addresses > 0 {
            notes.append("\(report.nonIPv4Addresses) requests came from addresses that are not IPv4: "
                + "their clients' addresses are left to the model's client_addresses")
        }
        return notes
    }
}
