/// One default the model applied because the directive was not written, so a
/// user can see every assumption: `upstream backend: keepalive 32 local (default of nginx 1.29.7)`.
public struct AppliedDefault: Hashable, Sendable, CustomStringConvertible {
    /// Where: `main`, `events`, `http`, `upstream NAME`, `location PATH`.
    public var scope: String
    /// The directive's nginx name, e.g. `keepalive_timeout`.
    public var directive: String
    /// The value as nginx.conf would write it, or a note such as `none (added in 1.19.10)`.
    public var value: String

    public init(scope: String, directive: String, value: String) {
        self.scope = scope; self.directive = directive; self.value = value
    }

    public var description: String { "\(scope): \(directive) \(value)" }
}
