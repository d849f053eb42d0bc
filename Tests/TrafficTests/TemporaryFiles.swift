import Foundation
import Traffic

/// Trace files for the reader's tests, each in its own fresh directory so
/// tests running in parallel never share one.
enum TemporaryFiles {
    static func directory() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("traffic-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Writes `bytes` to a new file and returns its path.
    static func file(_ bytes: [UInt8], name: String = "trace.csv") -> String {
        let path = directory() + "/" + name
        write(bytes, to: path)
        return path
    }

    static func file(_ text: String, name: String = "trace.csv") -> String { file(Array(text.utf8), name: name) }

    /// Plain `fopen`/`fwrite`: `FileManager.createFile` writes atomically
    /// (a temporary file, a sync, a rename), ten times slower for the
    /// mutation test's thousands of files.
    static func write(_ bytes: [UInt8], to path: String) {
        guard let file = fopen(path, "w") else { fatalError("cannot write \(path)") }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard fclose(file) == 0, written == bytes.count else { fatalError("cannot write \(path)") }
    }

    /// Every record of a trace, or the first error (from opening or reading).
    static func readAll(_ path: String, limit: Int = 1_000_000) -> Result<[TraceRecord], TraceFileReader.ReadError> {
        do throws(TraceFileReader.ReadError) {
            let reader = try TraceFileReader(path: path)
            var records: [TraceRecord] = []
            while records.count < limit, let r = try reader.next() { records.append(r) }
            return .success(records)
        } catch {
            return .failure(error)
        }
    }
}
