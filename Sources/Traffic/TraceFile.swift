import ProxyModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a trace file line by line — never the whole file at once, so a
/// trace of any length replays in constant memory.
///
/// Format: CSV with a header line naming the columns, in any order:
/// `time_ms` (required: intended send time in milliseconds from the start,
/// decimals allowed, non-decreasing), `client` (required: integer >= 0),
/// `method` (optional, default GET), `request_bytes` and `response_bytes`
/// (optional, integers >= 0, defaults 0 and 1000). Blank lines and lines
/// starting with `#` are skipped.
public final class TraceFileReader {
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var line: Int
        public var message: String
        public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
    }

    public static let columns = ["time_ms", "client", "method", "request_bytes", "response_bytes"]

    let path: String
    let file: UnsafeMutablePointer<FILE>
    var lineNumber = 0
    var columnIndex: [Int] = []  // position of each of `columns` in a row, or -1
    var previousTime: Int64 = 0

    /// Opens `path` and reads its header.
    public init(path: String) throws(ReadError) {
        self.path = path
        guard let f = fopen(path, "r") else {
            throw ReadError(path: path, line: 0, message: "cannot open the trace file (\(String(cString: strerror(errno))))")
        }
        file = f
        // From here on `deinit` closes the file, whatever is thrown.
        guard let header = readLine() else {
            throw ReadError(path: path, line: 0, message: "the trace file is empty; the first line must name the columns, e.g. time_ms,client,method")
        }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingASCIISpaces() }
        for name in names where !Self.columns.contains(name) {
            throw ReadError(path: path, line: lineNumber, message: "unknown column \"\(name)\"; valid columns: \(Self.columns.joined(separator: ", "))")
        }
        columnIndex = Self.columns.map { names.firstIndex(of: $0) ?? -1 }
        if columnIndex[0] < 0 || columnIndex[1] < 0 {
            throw ReadError(path: path, line: lineNumber, message: "the header must name the columns time_ms and client (got \(header))")
        }
    }

    deinit { fclose(file) }

    /// The next record, nil at the end of the file.
    public func next() throws(ReadError) -> TraceRecord? {
        while let line = readLine() {
            let trimmed = line.trimmingASCIISpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingASCIISpaces() }
            func field(_ i: Int) -> String? { columnIndex[i] >= 0 && columnIndex[i] < fields.count ? fields[columnIndex[i]] : nil }
            func fail(_ message: String) -> ReadError { ReadError(path: path, line: lineNumber, message: message) }

            guard let timeText = field(0), let ms = Double(timeText), ms.isFinite, ms >= 0, ms < 9e12 else {
                throw fail("time_ms must be a non-negative number of milliseconds (got \"\(field(0) ?? "")\")")
            }
            let time = Int64((ms * 1e6).rounded())
            if time < previousTime { throw fail("time_ms goes backwards (\(timeText) after \(Double(previousTime) / 1e6)); a trace must be sorted by time") }
            previousTime = time
            guard let clientText = field(1), let client = Int32(clientText), client >= 0 else {
                throw fail("client must be an integer from 0 to \(Int32.max) (got \"\(field(1) ?? "")\")")
            }
            var method = HTTPMethod.get
            if let m = field(2), !m.isEmpty {
                guard let parsed = HTTPMethod(rawValue: m.uppercased()) else {
                    throw fail("unknown method \"\(m)\"; valid: \(HTTPMethod.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                method = parsed
            }
            func bytes(_ i: Int, default value: Int64) throws(ReadError) -> Int64 {
                guard let text = field(i), !text.isEmpty else { return value }
                guard let n = Int64(text), n >= 0 else { throw fail("\(Self.columns[i]) must be an integer >= 0 (got \"\(text)\")") }
                return n
            }
            return TraceRecord(time: Instant(nanoseconds: time), client: client, method: method,
                               requestBytes: try bytes(3, default: 0), responseBytes: try bytes(4, default: 1_000))
        }
        return nil
    }

    private func readLine() -> String? {
        var buffer: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(buffer) }
        let n = getline(&buffer, &capacity, file)
        guard n >= 0, let buffer else { return nil }
        lineNumber += 1
        var line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: n), as: UTF8.self)
        while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
        return line
    }
}

extension Substring {
    func trimmingASCIISpaces() -> String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    func trimmingASCIISpaces() -> String { self[...].trimmingASCIISpaces() }
}
