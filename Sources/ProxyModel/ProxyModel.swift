/// ProxyModel: nginx's keepalive, retry, balancing and worker semantics as
/// pure state machines (sans-IO). No Foundation, no clock, no sockets: every
/// input carries `now`, every decision comes back as a value.
///
/// Time: `Instant` and `TimeSpan` (this module, because it depends on nothing
/// and every other module needs them).
public enum ProxyModelInfo {
    /// The tool's version, printed by `keepalive-lab --version` and in every result's provenance.
    public static let toolVersion = "0.1.0"
}
