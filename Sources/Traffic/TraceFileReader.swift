import ProxyModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a trace file line by line — never the whole file at once, so a
/// trace of any length replays in constant memory.
///
/// Format: UTF-8 CSV (LF or CRLF line endings) with a header line naming
/// the columns, in any order, each once:
/// - `time_ms` (required): intended send time in milliseconds from the
///   start, a plain decimal such as `12` or `12.345678` (nanoseconds are
///   kept exactly, a 7th decimal rounds), non-decreasing down the file;
/// - `client` (required): an integer from 0 to 2147483647;
/// - `method` (optional, default GET, any letter case);
/// - `request_bytes` and `response_bytes` (optional: integers >= 0,
///   defaults 0 and 1000);
/// - `uri` (optional): the request URI, at most 8,192 bytes; when it is the
///   last column it takes the rest of the line, commas included;
/// - `client_address` (optional): the client's IPv4 address `a.b.c.d`;
/// - what an access log observed (optional, read by `trace inspect`, never by
///   the simulation): `status`, `request_time_ms`, `upstream_connect_ms`,
///   `upstream_response_ms`, `upstream_attempts`, `connection`,
///   `connection_requests`.
/// An optional field left empty takes its default. Every row has as many
/// fields as the header. Blank lines and lines starting with `#` (after
/// any spaces) are skipped, also before the header. Lines are at most
/// 65,536 bytes.
///
/// Any bad input is a `ReadError` naming the file and line and what would
/// be valid; after one, `next()` keeps throwing it.
public final class TraceFileReader {
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public var path: String
        /// 1-based; 0 when the error is about the file as a whole.
        public var line: Int
        public var message: String
        public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
    }

    public static let columns = ["time_ms", "client", "method", "request_bytes", "response_bytes", "uri", "client_address",
                                 "status", "request_time_ms", "upstream_connect_ms", "upstream_response_ms", "upstream_attempts",
                                 "connection", "connection_requests"]

    let path: String
    let lines: LineReader
    /// For each of `columns`, its field's position in a row, or -1.
    var columnIndex: [Int] = []
    /// How many fields the header names, so each row must have.
    var fieldCount = 0
    /// The `uri` column is the header's last: it takes the rest of each line.
    var uriIsLast = false
    /// Where each field of the current row lies in `lines.line` (trimmed).
    var fields: [Range<Int>] = []
    var previousTime: Int64 = 0
    /// The first error, thrown again by every later call.
    var failure: ReadError?

    /// Replays the trace this many times faster (2: every time halved; 0.5: doubled).
    let speed: Double

    /// Opens `path` and reads its header; `speed` > 1 replays it faster.
    public init(path: String, speed: Double = 1) throws(ReadError) {
        self.path = path
        self.speed = speed.isFinite && speed > 0 ? speed : 1
        do {
            lines = try LineReader(path: path)
        } catch {
            throw ReadError(path: path, line: 0, message: Self.explain(error))
        }
        // From here on `deinit` closes the file, whatever is thrown.
        guard try nextContentLine() else {
            // Named at the line where the header was expected.
            throw ReadError(path: path, line: lines.lineNumber + 1,
                            message: "the trace file has no header; its first line must name the columns, e.g. time_ms,client,method")
        }
        try readHeader()
    }

    /// Reads the whole file once and throws its first bad row (with its line
    /// number), so a model is refused before a run rather than cut short in it.
    @discardableResult
    public static func checkEveryRow(path: String) throws(ReadError) -> Summary {
        let reader = try TraceFileReader(path: path)
        var summary = Summary()
        while let record = try reader.next() {
            summary.records += 1
            summary.largestClient = max(summary.largestClient, record.client)
        }
        return summary
    }

    /// What a whole-file check learns on the way.
    public struct Summary: Hashable, Sendable {
        public var records = 0
        /// The largest client number (-1 when there are no records).
        public var largestClient: Int32 = -1
    }

    /// The next record, nil at the end of the file.
    public func next() throws(ReadError) -> TraceRecord? {
        if let failure { throw failure }
        do {
            guard try nextContentLine() else { return nil }
            return try parseRecord()
        } catch {
            failure = error
            throw error
        }
    }

    /// Moves to the next line that is neither blank nor a comment, checks
    /// it is UTF-8 and splits it into `fields`; false at the end of the file.
    func nextContentLine() throws(ReadError) -> Bool {
        while true {
            do {
                guard try lines.advance() else { return false }
            } catch {
                throw fail(Self.explain(error))
            }
            let line = lines.line
            guard Self.isValidUTF8(line) else {
                throw fail("the line is not valid UTF-8; a trace file is plain text (ASCII or UTF-8)")
            }
            let first = line.firstIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
            guard let first, line[first] != UInt8(ascii: "#") else { continue }
            splitFields()
            return true
        }
    }

    func splitFields() {
        let line = lines.line
        // A byte order mark, as spreadsheet programs write, is not part of the first column's name.
        var start = lines.lineNumber == 1 && line.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        fields.removeAll(keepingCapacity: true)
        while true {
            // A URI in the last column keeps its commas.
            let isRest = uriIsLast && fields.count == fieldCount - 1
            let end = isRest ? line.endIndex : line[start...].firstIndex(of: UInt8(ascii: ",")) ?? line.endIndex
            var low = start, high = end
            while low < high, line[low] == UInt8(ascii: " ") || line[low] == UInt8(ascii: "\t") { low += 1 }
            while low < high, line[high - 1] == UInt8(ascii: " ") || line[high - 1] == UInt8(ascii: "\t") { high -= 1 }
            fields.append(low..<high)
            guard end < line.endIndex else { return }
            start = end + 1
        }
    }

    func readHeader() throws(ReadError) {
        let names = fields.map { String(decoding: lines.line[$0], as: UTF8.self) }
        columnIndex = Array(repeating: -1, count: Self.columns.count)
        for (position, name) in names.enumerated() {
            guard let column = Self.columns.firstIndex(of: name) else {
                let what = name.isEmpty ? "column \(position + 1) of the header is empty" : "unknown column \(Self.quoted(name))"
                throw fail("\(what); valid columns: \(Self.columns.joined(separator: ", ")) (time_ms and client are required)")
            }
            guard columnIndex[column] < 0 else { throw fail("column \(name) is named twice; name each column once") }
            columnIndex[column] = position
        }
        let missing = [0, 1].filter { columnIndex[$0] < 0 }.map { Self.columns[$0] }
        guard missing.isEmpty else {
            throw fail("the header lacks the required column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: " and ")); "
                + "it names \(names.joined(separator: ", ")); valid columns: \(Self.columns.joined(separator: ", "))")
        }
        fieldCount = names.count
        uriIsLast = columnIndex[5] == fieldCount - 1
    }

    func fail(_ message: String) -> ReadError { ReadError(path: path, line: lines.lineNumber, message: message) }

    static func explain(_ failure: LineReader.Failure) -> String {
        switch failure {
        case .cannotOpen(let code):
            return "cannot open the trace file (\(String(cString: strerror(code)))); give the path of a CSV trace file"
        case .cannotRead(let code):
            return "cannot read the trace file (\(String(cString: strerror(code)))); give the path of a CSV trace file"
        case .lineTooLong:
            return "the line is longer than \(LineReader.maximumLineLength) bytes; a trace line holds at most \(columns.count) short fields"
        case .corruptGzip, .inflatesTooMuch:
            return failure.gzipProblem
        }
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 < 0x80 } || String(validating: bytes, as: UTF8.self) != nil
    }
}
