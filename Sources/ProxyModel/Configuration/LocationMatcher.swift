/// Which `location` serves a request target: nginx's prefix locations, the
/// longest matching prefix wins (ngx_http_core_find_location walks the static
/// location tree and keeps the longest match). The model's locations are all
/// prefix locations (no `=`, `^~` or regular expressions), so this is the
/// whole rule. The simulator draws a location per request from
/// `traffic.location_weights`; the live proxy reads it from the target.
public struct LocationMatcher: Sendable {
    @usableFromInline let paths: [[UInt8]]

    public init(paths: [String]) {
        self.paths = paths.map { Array($0.utf8) }
    }

    /// The index of the location for `target` (its path, before any `?`),
    /// or nil when no location's prefix matches (nginx answers 404).
    /// Ties (the same prefix twice) go to the first, as nginx refuses
    /// duplicate locations at load time and the model keeps the first.
    public func location<Target: Collection<UInt8>>(forTarget target: Target) -> Int? {
        var best: Int?
        var bestLength = -1
        for (index, path) in paths.enumerated() where path.count > bestLength {
            if target.starts(with: path) {
                best = index
                bestLength = path.count
            }
        }
        return best
    }
}
