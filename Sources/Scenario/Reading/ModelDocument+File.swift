#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a model from disk. POSIX calls rather than Foundation's `Data(contentsOf:)`
/// because the user should see the system's reason ("No such file or directory",
/// "Is a directory", "Permission denied"), not a Cocoa error number.
extension ModelDocument {
    /// Reads and parses a file; `path` is how diagnostics name it.
    public init(contentsOfFile path: String) throws(Diagnostics) {
        switch readFileBytes(atPath: path) {
        case .success(let bytes):
            try self.init(file: path, bytes: bytes)
        case .failure(let reason):
            throw Diagnostics([Diagnostic(file: path, location: nil, message: "cannot read the file: \(reason.text)")])
        }
    }
}

/// The system's reason a file could not be read.
struct ReadFailure: Error {
    var text: String
}

/// A file's whole contents (a free function: inside `ModelDocument`, `read` names its methods).
func readFileBytes(atPath path: String) -> Result<[UInt8], ReadFailure> {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0 { return .failure(ReadFailure(text: String(cString: strerror(errno)))) }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count == 0 { return .success(bytes) }
        if count < 0 {
            let code = errno
            if code == EINTR { continue }
            return .failure(ReadFailure(text: String(cString: strerror(code))))
        }
        bytes.append(contentsOf: chunk[0..<count])
    }
}
