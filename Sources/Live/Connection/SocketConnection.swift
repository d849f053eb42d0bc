import ProxyModel

/// One non-blocking TCP connection on an event loop, carrying HTTP/1.1:
/// reads go straight into an `HTTPMessageReader` whose events go to the
/// delegate; writes queue in an output buffer flushed as the socket allows,
/// with EPOLLOUT registered only while output waits (swift-linux-notes.md).
/// Closes with FIN or RST (`SO_LINGER` 0), as a model backend would.
public final class SocketConnection: EventHandler {
    public let fd: FileDescriptor
    public private(set) var reader: HTTPMessageReader
    public weak var delegate: (any ConnectionDelegate)?
    /// The owner's index for this connection (e.g. into its connection table).
    public var tag: Int = 0
    unowned let loop: EventLoop
    private var output: [UInt8] = []
    private var outputSent = 0
    var isConnecting: Bool
    private var inputRejected = false
    /// An accepted connection in its handshake delay: not read yet.
    var readingPaused = false
    /// Set by `closeAfterFlush`: how to close once the output is written.
    private var pendingClose: (style: BackendCloseStyle, reason: ConnectionEnd)?
    public private(set) var isClosed = false
    /// The model's network on this connection (`LinkDelay`); none by default.
    public let linkDelay: LinkDelay
    var delayLine = DelayLine()
    /// Read size per call: one large read drains a typical response.
    static let readChunk = 16 * 1024

    /// Wraps an accepted connection (already non-blocking) and registers it.
    /// With a `linkDelay` handshake, nothing is read before it has passed
    /// (the peer's first bytes wait in the kernel).
    public init(accepted fd: FileDescriptor, loop: EventLoop, kind: HTTPHead.Kind, limits: HTTPLimits = HTTPLimits(),
                linkDelay: LinkDelay = .none) throws(SystemError) {
        self.fd = fd; self.loop = loop
        reader = HTTPMessageReader(kind: kind, limits: limits)
        isConnecting = false
        self.linkDelay = linkDelay
        try? System.setNoDelay(fd)
        if linkDelay.handshake > .zero {
            try loop.register(fd, interest: [], handler: self)
            readingPaused = true
            loop.schedule(after: linkDelay.handshake) { [weak self] in
                guard let self, !self.isClosed, self.delayLine.close == nil else { return }
                self.readingPaused = false
                self.updateInterest()
            }
        } else {
            try loop.register(fd, interest: [.readable, .readHangUp], handler: self)
        }
    }

    /// Starts connecting to `address`; the delegate hears `connectionDidConnect` or `didEnd(.connectFailed)`.
    public init(connectingTo address: SocketAddress, loop: EventLoop, limits: HTTPLimits = HTTPLimits(),
                linkDelay: LinkDelay = .none) throws(SystemError) {
        fd = try System.tcpSocket()
        self.loop = loop
        self.linkDelay = linkDelay
        reader = HTTPMessageReader(kind: .response, limits: limits)
        isConnecting = true
        do {
            try? System.setNoDelay(fd)
            // Loopback may connect at once; either way EPOLLOUT reports it (a
            // connected socket is writable), so one path handles both.
            _ = try System.connect(fd, to: address)
            try loop.register(fd, interest: [.writable], handler: self)
        } catch {
            try? System.close(fd)
            throw error
        }
    }

    /// Tells the next response's reader that it answers a HEAD request.
    public func expectResponseWithoutBody() {
        reader.nextResponseHasNoBody = true
    }

    /// Queues bytes and writes what the socket takes now.
    public func send(_ bytes: [UInt8]) {
        guard !isClosed else { return }
        if isDelayingWrites { delay(bytes); return }
        sendNow(bytes)
    }

    /// Hands bytes to the output buffer and writes what the socket takes.
    func sendNow(_ bytes: [UInt8]) {
        if output.isEmpty { output = bytes } else { output.append(contentsOf: bytes) }
        flush()
    }

    /// Queues bytes built in place (no intermediate array).
    public func send(_ build: (inout [UInt8]) -> Void) {
        guard !isClosed else { return }
        if isDelayingWrites {
            var bytes: [UInt8] = []
            build(&bytes)
            delay(bytes)
            return
        }
        build(&output)
        flush()
    }

    /// Bytes queued and not yet written.
    public var pendingOutputCount: Int { output.count - outputSent + delayLine.pending[delayLine.head...].reduce(0) { $0 + $1.bytes.count } }

    /// Closes now: FIN (with unread input, the kernel sends RST anyway), or RST via SO_LINGER 0.
    public func close(style: BackendCloseStyle = .fin) {
        if linkDelay.close > .zero { closeAfterDelay(style: style, reason: .closedLocally); return }
        end(.closedLocally, style: style)
    }

    /// Closes once everything queued is written (at once if nothing is).
    public func closeAfterFlush(style: BackendCloseStyle = .fin) {
        closeAfterFlush(style: style, reason: .closedLocally)
    }

    private func closeAfterFlush(style: BackendCloseStyle, reason: ConnectionEnd) {
        guard !isClosed else { return }
        if linkDelay.close > .zero { closeAfterDelay(style: style, reason: reason); return }
        pendingClose = (style, reason)
        if output.isEmpty { end(reason, style: style) }
    }

    // MARK: EventHandler

    public func handle(_ events: EpollEvents, fd: FileDescriptor, loop: EventLoop) {
        if isConnecting {
            finishConnecting()
            return
        }
        if events.contains(.writable) { flush() }
        // Closing after a delay, or still in the accept-side handshake: the socket is not read.
        if delayLine.close != nil || readingPaused { return }
        if !isClosed && !events.isDisjoint(with: [.readable, .readHangUp, .hangUp, .error]) {
            if inputRejected { discardInput() } else { readAvailable() }
        }
    }

    public func loopIsClosing(fd: FileDescriptor, loop: EventLoop) {
        end(.closedLocally, style: .fin)
    }

    // MARK: Internals

    private func finishConnecting() {
        let error: Int32
        do { error = try System.pendingError(fd) } catch { end(.connectFailed(error), style: .fin); return }
        guard error == 0 else {
            end(.connectFailed(SystemError(call: "connect", subject: "fd \(fd)", errno: error)), style: .fin)
            return
        }
        isConnecting = false
        if linkDelay.handshake > .zero { delayLine.holdUntil = loop.now.addingSaturating(linkDelay.handshake) }
        updateInterest()
        delegate?.connectionDidConnect(self)
    }

    private func readAvailable() {
        // A bounded number of reads per wake-up keeps one busy peer from starving the others.
        for _ in 0..<4 {
            let result: IOResult<Int>
            do {
                let descriptor = fd
                result = try reader.readInto(capacity: Self.readChunk) { (buffer) throws(SystemError) -> Int in
                    switch try System.read(descriptor, into: buffer) {
                    case .processed(let count): return count
                    case .wouldBlock: return -1
                    }
                }.asReadResult
            } catch {
                end(error.isConnectionReset ? .peerReset : .failed(error), style: .fin)
                return
            }
            switch result {
            case .wouldBlock:
                return
            case .processed(0):
                deliverEndOfStream()
                return
            case .processed:
                deliverEvents()
                if isClosed { return }
            }
        }
    }

    /// After rejected input: read and drop what arrives (so level-triggered
    /// epoll does not spin) until the close; EOF or an error closes at once.
    private func discardInput() {
        var scratch = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        let result = withUnsafeMutableBytes(of: &scratch) { buffer in
            Result { () throws(SystemError) -> IOResult<Int> in try System.read(fd, into: buffer) }
        }
        switch result {
        case .success(.wouldBlock): return
        case .success(.processed(let count)) where count > 0: return
        default: end(.closedLocally, style: .fin)
        }
    }

    private func deliverEvents() {
        while !isClosed {
            do {
                guard let event = try reader.next() else { return }
                delegate?.connection(self, didRead: event)
            } catch {
                rejectInput(error)
                return
            }
        }
    }

    /// Invalid bytes: tell the owner (who may answer 400), stop reading, close once flushed.
    private func rejectInput(_ error: HTTPParseError) {
        inputRejected = true
        delegate?.connection(self, didReceiveInvalidHTTP: error)
        guard !isClosed else { return }
        if output.isEmpty { end(.invalidHTTP(error), style: .fin) } else { closeAfterFlush(style: .fin, reason: .invalidHTTP(error)) }
    }

    private func deliverEndOfStream() {
        deliverEvents()
        guard !isClosed else { return }
        do {
            if let event = try reader.finish() { delegate?.connection(self, didRead: event) }
            if !isClosed { end(.peerClosed, style: .fin) }
        } catch {
            rejectInput(error)
        }
    }

    func flush() {
        guard !isConnecting, !isClosed else { return }
        while outputSent < output.count {
            let from = outputSent, descriptor = fd
            let attempt = output.withUnsafeBytes { all in
                Result { () throws(SystemError) -> IOResult<Int> in
                    try System.send(descriptor, UnsafeRawBufferPointer(rebasing: all[from...]))
                }
            }
            let result: IOResult<Int>
            do { result = try attempt.get() } catch {
                end(error.isConnectionReset || error.isBrokenPipe ? .peerReset : .failed(error), style: .fin)
                return
            }
            guard case .processed(let count) = result else { break }
            outputSent += count
        }
        if outputSent == output.count {
            output.removeAll(keepingCapacity: true)
            outputSent = 0
        }
        updateInterest()
        guard output.isEmpty else { return }
        if let pendingClose {
            end(pendingClose.reason, style: pendingClose.style)
        } else if let close = delayLine.close, delayLine.isEmpty, close.at <= loop.now {
            end(close.reason, style: close.style)
        } else {
            delegate?.connectionDidFlush(self)
        }
    }

    func updateInterest() {
        guard !isClosed else { return }
        let reading: EpollEvents = delayLine.close != nil || readingPaused ? [] : [.readable, .readHangUp]
        let interest: EpollEvents = output.isEmpty ? reading : reading.union(.writable)
        do { try loop.setInterest(fd, interest) } catch { end(.failed(error), style: .fin) }
    }

    func end(_ reason: ConnectionEnd, style: BackendCloseStyle) {
        guard !isClosed else { return }
        isClosed = true
        if style == .rst { try? System.setLingerZero(fd) }
        loop.close(fd)
        output = []
        delegate?.connection(self, didEnd: reason)
    }
}

private extension Int {
    /// `readInto`'s count back as an IOResult (-1 stood for would-block).
    var asReadResult: IOResult<Int> { self < 0 ? .wouldBlock : .processed(self) }
}
