/// Why an `UpstreamBalancer` could not be built from a server list. The
/// description names the server (position and address) and what is valid.
public struct BalancerConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Position of the offending `server` line in the upstream block, if one is to blame.
    public var serverIndex: Int?
    public var address: String?
    public var problem: String

    public var description: String {
        guard let serverIndex else { return "upstream: \(problem)" }
        return "upstream server #\(serverIndex + 1) (\(address ?? "?")): \(problem)"
    }
}
