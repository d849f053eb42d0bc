/// Something nginx accepts but the user probably did not mean: upstream reuse
/// silently off, a balancing method that replaced the cache, too few
/// connection slots to proxy anything.
public struct ConfigurationWarning: Hashable, Sendable, CustomStringConvertible {
    /// Where: `events`, `upstream NAME`, `location PATH`.
    public var scope: String
    /// The warning, e.g. `upstream keepalive is inactive: proxy_http_version is 1.0`.
    public var message: String

    public init(scope: String, message: String) { self.scope = scope; self.message = message }

    public var description: String { "\(scope): \(message)" }
}
