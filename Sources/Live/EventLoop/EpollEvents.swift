import CLinuxShims

/// The readiness bits of an epoll event, or the interest a registration asks for.
public struct EpollEvents: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let readable = EpollEvents(rawValue: keepalive_lab_epollin)
    public static let writable = EpollEvents(rawValue: keepalive_lab_epollout)
    /// An error is pending (read SO_ERROR, or the next read/write reports it). Always reported.
    public static let error = EpollEvents(rawValue: keepalive_lab_epollerr)
    /// Both directions are shut (a RST, or FIN both ways). Always reported.
    public static let hangUp = EpollEvents(rawValue: keepalive_lab_epollhup)
    /// The peer sent FIN (shut its write side).
    public static let readHangUp = EpollEvents(rawValue: keepalive_lab_epollrdhup)
    /// Wake only one of the loops sharing a listener (nginx's default accept, Linux 4.5+).
    public static let exclusive = EpollEvents(rawValue: keepalive_lab_epollexclusive)
}
