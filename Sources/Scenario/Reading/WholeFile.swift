#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a whole file into memory, never more than a stated number of
/// bytes: `simulate /dev/zero` or a multi-gigabyte file given by mistake
/// must end with a message naming the limit, not with the allocator
/// aborting. POSIX calls rather than Foundation's `Data(contentsOf:)` so the
/// user sees the system's reason ("No such file or directory", "Is a
/// directory"), not a Cocoa error number.
public enum WholeFile {
    /// Why a file could not be read; `description` is the reason, for "cannot read 'FILE': REASON".
    public enum Failure: Error, CustomStringConvertible {
        case system(code: Int32)
        /// More than `limit` bytes; `what` names the kind of file ("a model file").
        case tooLarge(limit: Int, what: String)

        public var description: String {
            switch self {
            case .system(let code): return String(cString: strerror(code))
            case .tooLarge(let limit, let what):
                return "it is larger than \(WholeFile.sizeText(limit)), the most \(what) may hold (is it the right file?)"
            }
        }
    }

    /// The bytes of the file at `path`, if it holds at most `limit` bytes.
    /// Reads at most `limit + 1` bytes, so an endless file (a device, a pipe) stops too.
    public static func bytes(atPath path: String, limit: Int, what: String) -> Result<[UInt8], Failure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { return .failure(.system(code: errno)) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return .success(bytes) }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                return .failure(.system(code: code))
            }
            guard bytes.count + count <= limit else { return .failure(.tooLarge(limit: limit, what: what)) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// `16 MiB`, `1 GiB`, or bytes for other sizes.
    static func sizeText(_ bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        return "\(bytes) bytes"
    }
}
