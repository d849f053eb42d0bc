/// An upstream (nginx -> backend) connection, identified by an integer the
/// driver assigns (the simulator's connection table index, the live proxy's
/// slot number). The model never interprets it.
public struct UpstreamConnectionID: Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    @inlinable
    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    public var description: String { "upstream#\(rawValue)" }
}
