import ProxyModel

/// A listening TCP socket on an event loop: accepts every waiting connection
/// when readable and hands each descriptor to `onAccept`, which owns it.
public final class Listener: EventHandler {
    public let fd: FileDescriptor
    public let address: SocketAddress
    private let onAccept: (FileDescriptor) -> Void
    private let onError: (SystemError) -> Void
    private let ownsDescriptor: Bool
    private let interest: EpollEvents
    private var isPaused = false
    public private(set) var isClosed = false

    /// Binds `address` (port 0: an ephemeral port, see `address`) and listens.
    /// `reusePort`: several listeners share the port (nginx's `reuseport`).
    public convenience init(
        address: SocketAddress, loop: EventLoop, backlog: Int32 = 511, reusePort: Bool = false,
        onAccept: @escaping (FileDescriptor) -> Void, onError: @escaping (SystemError) -> Void = { _ in }
    ) throws(SystemError) {
        let (fd, bound) = try Self.listeningSocket(address: address, backlog: backlog, reusePort: reusePort)
        do {
            try self.init(sharing: fd, address: bound, loop: loop, exclusive: false, ownsDescriptor: true,
                          onAccept: onAccept, onError: onError)
        } catch {
            try? System.close(fd)
            throw error
        }
    }

    /// Watches a listening socket made by `listeningSocket` on this loop.
    /// Several loops may watch one socket (nginx's default: one listener
    /// inherited by every worker); `exclusive` (EPOLLEXCLUSIVE) wakes one of
    /// them per connection instead of all. Without `ownsDescriptor` the
    /// socket stays open when this listener closes: its maker closes it.
    public init(
        sharing fd: FileDescriptor, address: SocketAddress, loop: EventLoop, exclusive: Bool, ownsDescriptor: Bool,
        onAccept: @escaping (FileDescriptor) -> Void, onError: @escaping (SystemError) -> Void = { _ in }
    ) throws(SystemError) {
        self.fd = fd
        self.address = address
        self.ownsDescriptor = ownsDescriptor
        self.onAccept = onAccept
        self.onError = onError
        interest = exclusive ? [.readable, .exclusive] : .readable
        try loop.register(fd, interest: interest, handler: self)
    }

    /// A bound, listening, non-blocking socket and the address it got.
    public static func listeningSocket(
        address: SocketAddress, backlog: Int32 = 511, reusePort: Bool = false
    ) throws(SystemError) -> (FileDescriptor, SocketAddress) {
        let fd = try System.tcpSocket()
        do {
            try System.setReuseAddress(fd)
            if reusePort { try System.setReusePort(fd) }
            try System.bind(fd, to: address)
            try System.listen(fd, backlog: backlog)
            return (fd, try System.localAddress(fd))
        } catch {
            try? System.close(fd)
            throw error
        }
    }

    public func close(loop: EventLoop) {
        guard !isClosed else { return }
        isClosed = true
        if ownsDescriptor {
            if isPaused { try? System.close(fd) } else { loop.close(fd) }
        } else {
            loop.deregister(fd)
        }
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
                // ECONNABORTED and the like lose one connection. EMFILE/ENFILE
                // leave the connection queued, so a level-triggered listener
                // would spin: stop watching for a while, as nginx does
                // (ngx_event_accept disables accept events for 500 ms).
                if error.isOutOfFileDescriptors { pause(for: Self.pauseWhenOutOfDescriptors, loop: loop) }
                onError(error)
                return
            }
        }
    }

    /// How long accepting pauses when descriptors run out.
    public static let pauseWhenOutOfDescriptors = TimeSpan.milliseconds(500)

    private func pause(for span: TimeSpan, loop: EventLoop) {
        guard !isClosed, !isPaused else { return }
        isPaused = true
        loop.deregister(fd)
        loop.schedule(after: span) { [weak self, unowned loop] in
            guard let self, !self.isClosed else { return }
            self.isPaused = false
            // A failure leaves the listener unwatched: the owner hears of it.
            do throws(SystemError) { try loop.register(self.fd, interest: self.interest, handler: self) } catch { self.onError(error) }
        }
    }

    public func loopIsClosing(fd: FileDescriptor, loop: EventLoop) {
        close(loop: loop)
    }
}
