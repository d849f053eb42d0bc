import Glibc

extension OutputStream {
    /// A stream writing a new file at `path` (an existing one is replaced).
    /// Throws a failure naming the file and the system's reason.
    static func creatingFile(atPath path: String) throws(CommandFailure) -> OutputStream {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CommandFailure("cannot create '\(path)': \(String(cString: strerror(errno)))")
        }
        return OutputStream(fileDescriptor: descriptor)
    }

    /// Writes out what is buffered and closes the file; throws a failure naming
    /// `path` if any write or the close failed (a full disk shows up here).
    mutating func finishFile(atPath path: String) throws(CommandFailure) {
        flush()
        let closed = close(fileDescriptor)
        let closeError = errno
        switch state {
        case .open, .brokenPipe:
            if closed != 0 { throw CommandFailure("cannot write '\(path)': \(String(cString: strerror(closeError)))") }
        case .failed(let error):
            throw CommandFailure("cannot write '\(path)': \(String(cString: strerror(error)))")
        }
    }
}
