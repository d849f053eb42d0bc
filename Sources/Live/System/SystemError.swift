#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: which call, on what, and why (errno with its
/// strerror text), so a message can say e.g. "bind 127.0.0.1:8080 failed:
/// Address already in use (errno 98)".
public struct SystemError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The call, e.g. "connect".
    public var call: String
    /// What it was called on, e.g. "127.0.0.1:8080" or "fd 7"; empty if nothing useful.
    public var subject: String
    /// errno, read right after the call failed.
    public var errno: Int32

    public init(call: String, subject: String = "", errno: Int32) {
        self.call = call; self.subject = subject; self.errno = errno
    }

    /// strerror's text for `errno`.
    public var reason: String {
        String(cString: strerror(errno))
    }

    public var description: String {
        let on = subject.isEmpty ? "" : " \(subject)"
        return "\(call)\(on) failed: \(reason) (errno \(errno))"
    }

    /// The peer reset the connection (a backend closing with SO_LINGER 0).
    public var isConnectionReset: Bool { errno == ECONNRESET }
    /// Writing to a connection the peer has closed or reset.
    public var isBrokenPipe: Bool { errno == EPIPE }
    /// Nobody listens on the address.
    public var isConnectionRefused: Bool { errno == ECONNREFUSED }
    /// The process or system ran out of file descriptors.
    public var isOutOfFileDescriptors: Bool { errno == EMFILE || errno == ENFILE }
}
