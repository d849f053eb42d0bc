/// A listening TCP socket on an event loop: accepts every waiting connection
/// when readable and hands each descriptor to `onAccept`, which owns it.
public final class Listener: EventHandler {
    public let fd: FileDescriptor
    public let address: SocketAddress
    private let onAccept: (FileDescriptor) -> Void
    private let onError: (SystemError) -> Void
    public private(set) var isClosed = false

    /// Binds `address` (port 0: an ephemeral port, see `address`) and listens.
    /// `reusePort`: several listeners share the port (nginx's `reuseport`).
    public init(
        address: SocketAddress, loop: EventLoop, backlog: Int32 = 511, reusePort: Bool = false,
        onAccept: @escaping (FileDescriptor) -> Void, onError: @escaping (SystemError) -> Void = { _ in }
    ) throws(SystemError) {
        let fd = try System.tcpSocket()
        do {
            try System.setReuseAddress(fd)
            if reusePort { try System.setReusePort(fd) }
            try System.bind(fd, to: address)
            try System.listen(fd, backlog: backlog)
            self.address = try System.localAddress(fd)
        } catch {
            try? System.close(fd)
            throw error
        }
        self.fd = fd
        self.onAccept = onAccept
        self.onError = onError
        do { try loop.register(fd, interest: .readable, handler: self) } catch {
            try? System.close(fd)
            throw error
        }
    }

    public func close(loop: EventLoop) {
        guard !isClosed else { return }
        isClosed = true
        loop.close(fd)
    }

    public func handle(_ events: EpollEvents, fd: FileDescriptor, loop: EventLoop) {
        // 511 per wake-up at most (nginx's default backlog), so a flood cannot starve the loop.
        for _ in 0..<511 {
            do {
                switch try System.accept(fd) {
                case .processed(let connection): onAccept(connection)
                case .wouldBlock: return
                }
            } catch {
                // ECONNABORTED and the like lose one connection; EMFILE loses them
                // all until descriptors free up: the owner decides what to say.
                onError(error)
                return
            }
        }
    }

    public func loopIsClosing(fd: FileDescriptor, loop: EventLoop) {
        close(loop: loop)
    }
}
