/// The `proxy_next_upstream` mask: which failures may be passed to the next
/// server (NGX_HTTP_UPSTREAM_FT_* in ngx_http_upstream.h).
/// Default `error timeout`; `off` is the empty set.
public struct NextUpstreamConditions: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let error = NextUpstreamConditions(rawValue: 1 << 0)
    public static let timeout = NextUpstreamConditions(rawValue: 1 << 1)
    public static let invalidHeader = NextUpstreamConditions(rawValue: 1 << 2)
    public static let http500 = NextUpstreamConditions(rawValue: 1 << 3)
    public static let http502 = NextUpstreamConditions(rawValue: 1 << 4)
    public static let http503 = NextUpstreamConditions(rawValue: 1 << 5)
    public static let http504 = NextUpstreamConditions(rawValue: 1 << 6)
    public static let http403 = NextUpstreamConditions(rawValue: 1 << 7)
    public static let http404 = NextUpstreamConditions(rawValue: 1 << 8)
    public static let http429 = NextUpstreamConditions(rawValue: 1 << 9)
    /// Allows retrying POST, LOCK and PATCH once the request was sent (1.9.13+).
    public static let nonIdempotent = NextUpstreamConditions(rawValue: 1 << 10)

    /// nginx's default: `proxy_next_upstream error timeout`.
    public static let nginxDefault: NextUpstreamConditions = [.error, .timeout]

    /// Directive words in nginx's order, for parsing and printing.
    public static let words: [(word: String, condition: NextUpstreamConditions)] = [
        ("error", .error), ("timeout", .timeout), ("invalid_header", .invalidHeader),
        ("http_500", .http500), ("http_502", .http502), ("http_503", .http503), ("http_504", .http504),
        ("http_403", .http403), ("http_404", .http404), ("http_429", .http429),
        ("non_idempotent", .nonIdempotent),
    ]

    /// The condition for an HTTP status, if `proxy_next_upstream` can name it.
    public static func forStatus(_ status: Int) -> NextUpstreamConditions? {
        words.first(where: { $0.word == "http_\(status)" })?.condition
    }

    /// Parses directive words (`["error", "timeout"]`, `["off"]`); returns the
    /// first unknown word on failure.
    public static func parse(_ words: [String]) -> Result<NextUpstreamConditions, UnknownWord> {
        if words == ["off"] { return .success([]) }
        var result: NextUpstreamConditions = []
        for word in words {
            guard let c = Self.words.first(where: { $0.word == word })?.condition else {
                return .failure(UnknownWord(word: word))
            }
            result.insert(c)
        }
        return .success(result)
    }

    public struct UnknownWord: Error, Equatable, Sendable { public var word: String }

    /// The directive's arguments as nginx would print them (`off` when empty).
    public var directiveWords: [String] {
        isEmpty ? ["off"] : Self.words.filter { contains($0.condition) }.map(\.word)
    }
}
