import Glibc
import Traffic

/// Writes a trace, header first, one record at a time, to a file or to
/// standard output (`-`): a trace of any length in constant memory.
final class TraceSink {
    let path: String
    let writer: TraceFileWriter
    private var stream: OutputStream
    private(set) var records = 0

    init(path: String, writer: TraceFileWriter) throws(CommandFailure) {
        self.path = path
        self.writer = writer
        stream = path == "-" ? .standardOutput : try OutputStream.creatingFile(atPath: path)
        stream.writeLine(writer.header)
    }

    func write(_ record: TraceRecord) {
        stream.writeLine(writer.line(record))
        records += 1
    }

    /// After a failure: a part of a trace would pass for a whole one, so the file goes.
    func discard() {
        guard path != "-" else { return }
        _ = try? finish()
        unlink(path)
    }

    /// Writes out the rest; a failed write or close is an error naming the file.
    func finish() throws(CommandFailure) {
        if path == "-" {
            stream.flush()
            if case .failed(let code) = stream.state { throw CommandFailure("cannot write the trace to standard output (errno \(code))") }
        } else {
            try stream.finishFile(atPath: path)
        }
    }
}
