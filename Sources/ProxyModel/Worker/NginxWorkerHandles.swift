/// A client connection as an `NginxWorker` numbers it (its slot in the
/// worker's client table). Valid from accept until the worker closes it.
public struct ClientHandle: Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    @inlinable public init(_ rawValue: Int32) { self.rawValue = rawValue }
    public var description: String { "client#\(rawValue)" }
}

/// An upstream connection as an `NginxWorker` numbers it (its slot in the
/// worker's upstream table; also the id its keepalive caches hold). Valid
/// from `connect` until the worker closes it.
public struct UpstreamHandle: Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    @inlinable public init(_ rawValue: Int32) { self.rawValue = rawValue }
    public var description: String { "upstream#\(rawValue)" }
}
