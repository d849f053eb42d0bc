import CLinuxShims
#if canImport(Glibc)
import Glibc
#endif

/// TCP socket calls. Every socket is non-blocking and close-on-exec from birth.
extension System {
    /// A new non-blocking TCP/IPv4 socket.
    public static func tcpSocket() throws(SystemError) -> FileDescriptor {
        try blockingCall("socket", "AF_INET SOCK_STREAM") {
            Glibc.socket(AF_INET, keepalive_lab_sock_stream_nonblock_cloexec, 0)
        }
    }

    public static func bind(_ fd: FileDescriptor, to address: SocketAddress) throws(SystemError) {
        var raw = address.sockaddr
        _ = try blockingCall("bind", "\(address)") {
            withUnsafePointer(to: &raw) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    public static func listen(_ fd: FileDescriptor, backlog: Int32) throws(SystemError) {
        _ = try blockingCall("listen", "fd \(fd)") { Glibc.listen(fd, backlog) }
    }

    /// accept4(2): the new connection is non-blocking and close-on-exec.
    /// `.wouldBlock` when no connection waits (another worker took it).
    public static func accept(_ fd: FileDescriptor) throws(SystemError) -> IOResult<FileDescriptor> {
        try retryingInterrupts("accept4", "listener fd \(fd)") {
            keepalive_lab_accept4(fd, nil, nil, keepalive_lab_sock_nonblock_cloexec)
        }
    }

    /// Non-blocking connect(2): `.processed` if connected at once (loopback
    /// can), `.wouldBlock` (EINPROGRESS) if the caller must wait for EPOLLOUT
    /// and then read `pendingError`.
    public static func connect(_ fd: FileDescriptor, to address: SocketAddress) throws(SystemError) -> IOResult<Void> {
        var raw = address.sockaddr
        let result = try retryingInterrupts("connect", "\(address)") {
            withUnsafePointer(to: &raw) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        switch result {
        case .processed: return .processed(())
        case .wouldBlock: return .wouldBlock
        }
    }

    /// getsockopt(SO_ERROR): 0 once a pending connect succeeded, else its errno
    /// (ECONNREFUSED for a closed port). Reading it clears it.
    public static func pendingError(_ fd: FileDescriptor) throws(SystemError) -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = try blockingCall("getsockopt SO_ERROR", "fd \(fd)") {
            Glibc.getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length)
        }
        return value
    }

    /// The address the kernel bound: how a test learns its ephemeral port.
    public static func localAddress(_ fd: FileDescriptor) throws(SystemError) -> SocketAddress {
        var raw = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = try blockingCall("getsockname", "fd \(fd)") {
            withUnsafeMutablePointer(to: &raw) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.getsockname(fd, $0, &length) }
            }
        }
        return SocketAddress(raw)
    }

    /// SO_REUSEADDR: a restarted listener binds despite TIME_WAIT on its port.
    public static func setReuseAddress(_ fd: FileDescriptor) throws(SystemError) {
        try setIntegerOption(fd, SOL_SOCKET, SO_REUSEADDR, 1, name: "setsockopt SO_REUSEADDR")
    }

    /// SO_REUSEPORT: several listeners on one port, the kernel spreading
    /// connections (nginx's `listen ... reuseport`).
    public static func setReusePort(_ fd: FileDescriptor) throws(SystemError) {
        try setIntegerOption(fd, SOL_SOCKET, SO_REUSEPORT, 1, name: "setsockopt SO_REUSEPORT")
    }

    /// TCP_NODELAY: small requests and responses leave at once (nginx sets it on keep-alive connections).
    public static func setNoDelay(_ fd: FileDescriptor) throws(SystemError) {
        try setIntegerOption(fd, Int32(keepalive_lab_ipproto_tcp), TCP_NODELAY, 1, name: "setsockopt TCP_NODELAY")
    }

    /// SO_LINGER {1, 0}: the next close sends RST instead of FIN and leaves no
    /// TIME_WAIT; the peer's next read fails ECONNRESET (a backend that resets).
    public static func setLingerZero(_ fd: FileDescriptor) throws(SystemError) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        _ = try blockingCall("setsockopt SO_LINGER", "fd \(fd)") {
            Glibc.setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        }
    }

    static func setIntegerOption(
        _ fd: FileDescriptor, _ level: Int32, _ option: Int32, _ value: Int32, name: StaticString
    ) throws(SystemError) {
        var value = value
        _ = try blockingCall(name, "fd \(fd)") {
            Glibc.setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }
}

extension System {
    /// socketpair(2): two connected, blocking AF_UNIX stream sockets (close-on-exec).
    public static func socketPair() throws(SystemError) -> (FileDescriptor, FileDescriptor) {
        var ends: [Int32] = [-1, -1]
        _ = try blockingCall("socketpair", "AF_UNIX") {
            Glibc.socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends)
        }
        return (ends[0], ends[1])
    }
}
