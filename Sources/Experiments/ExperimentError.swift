/// A problem with what a sweep or plan was asked to do, or with the files it
/// reads (shard parts): one message naming where and what would be valid.
/// The front end prints it and exits 1 (or 64 when it is about the command line).
public struct ExperimentError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
