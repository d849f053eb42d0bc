import ProxyModel

/// The model's network on loopback, applied by the sender in user space
/// (loopback itself has no delay): each write leaves `write` after it was
/// made, a close takes effect `close` after it was asked for (after the
/// writes before it), and a new connection costs `handshake` before its
/// first byte: the connecting side holds its first writes, the accepting
/// side its first reads. With one-way delay d the model's link is
/// `write: d, close: d, handshake: 2d` on the connecting side: the request
/// reaches the peer 3d after connect() began (SYN, SYN-ACK, request), a
/// response d after it was written, and a FIN d after the close — so the
/// stale-connection race window (a request sent while the FIN is on its
/// way meets a closed socket and a reset) is d wide, as in the model.
public struct LinkDelay: Hashable, Sendable {
    public var write: TimeSpan
    public var close: TimeSpan
    public var handshake: TimeSpan

    public init(write: TimeSpan = .zero, close: TimeSpan = .zero, handshake: TimeSpan = .zero) {
        self.write = write; self.close = close; self.handshake = handshake
    }

    public static let none = LinkDelay()

    /// The model's link with one-way delay `oneWay`, at the end that connects (or not).
    public static func link(oneWay: TimeSpan, connecting: Bool) -> LinkDelay {
        LinkDelay(write: oneWay, close: oneWay, handshake: connecting ? oneWay * 2 : .zero)
    }

    public var isNone: Bool { write == .zero && close == .zero && handshake == .zero }
}

/// A connection's writes and close waiting for their moment (`LinkDelay`).
struct DelayLine {
    /// Writes not yet handed to the socket, oldest first, with when each may go.
    var pending: [(due: Instant, bytes: [UInt8])] = []
    var head = 0
    /// Nothing leaves before this (a connecting side's handshake).
    var holdUntil = Instant.zero
    /// The delayed close asked for: how, why, and not before when.
    var close: (style: BackendCloseStyle, reason: ConnectionEnd, at: Instant)?
    /// The loop timer now scheduled for the next due moment, if any.
    var timerDue: Instant?

    var isEmpty: Bool { head == pending.count }

    /// The next moment something is due: the oldest write, else the close.
    var nextDue: Instant? {
        if head < pending.count { return pending[head].due }
        return close?.at
    }

    /// Writes due by `now`, removed from the line.
    mutating func takeDue(now: Instant) -> [UInt8] {
        var bytes: [UInt8] = []
        while head < pending.count && pending[head].due <= now {
            bytes.append(contentsOf: pending[head].bytes)
            head += 1
        }
        if head == pending.count { pending.removeAll(keepingCapacity: true); head = 0 }
        return bytes
    }
}
