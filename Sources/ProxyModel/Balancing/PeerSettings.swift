/// The parts of an `UpstreamServer` the balancer reads on every selection,
/// without the address string (kept out of the hot path).
public struct PeerSettings: Hashable, Sendable {
    public let weight: Int
    /// 0 disables failure accounting.
    public let maxFails: Int
    /// `fail_timeout` in whole seconds: nginx compares `ngx_time()` seconds.
    public let failTimeoutSeconds: Int64
    /// 0 = unlimited.
    public let maxConns: Int
    public let isDown: Bool
    public let isBackup: Bool

    public init(_ server: UpstreamServer) {
        weight = server.weight
        maxFails = server.maxFails
        failTimeoutSeconds = server.failTimeout.nanoseconds / 1_000_000_000
        maxConns = server.maxConns
        isDown = server.isDown
        isBackup = server.isBackup
    }
}
