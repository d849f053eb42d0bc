/// What a `hash KEY` upstream hashes: the request facts the model knows.
/// nginx evaluates any complex value; the simulator has a URI and a client
/// address per request, so these are the keys it can honour (anything else
/// is refused, never silently replaced).
public enum HashKeyVariable: String, CaseIterable, Hashable, Sendable {
    /// `$request_uri`: the URI with its arguments (cache sharding, the usual key).
    case requestURI = "$request_uri"
    /// `$remote_addr`: the client's address as text (sticky clients).
    case remoteAddress = "$remote_addr"

    /// The keys accepted in model files, in the order errors list them.
    public static var acceptedNames: [String] { allCases.map(\.rawValue) }
}
