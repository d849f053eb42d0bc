import ProxyModel

/// A parsed HTTP/1.x request or response head. Zero-copy: the method,
/// target, reason and fields are ranges relative to the head's first byte
/// (read their bytes through `HTTPMessageReader.headBytes`); the facts that
/// decide framing and keep-alive are parsed once, here.
public struct HTTPHead: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case request, response }

    /// A header field: the name and the value without surrounding whitespace.
    public struct Field: Hashable, Sendable {
        public var name: Range<Int>
        public var value: Range<Int>
    }

    public var kind: Kind
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var versionMinor: Int
    /// Request: the method's bytes; nil `method` if it is not one the model knows.
    public var methodRange: Range<Int> = 0..<0
    public var method: HTTPMethod?
    /// Request: the request-target's bytes.
    public var target: Range<Int> = 0..<0
    /// Response: the status code.
    public var status: Int = 0
    /// Response: the reason phrase (may be empty).
    public var reason: Range<Int> = 0..<0
    public var fields: [Field] = []
    /// The head's length in bytes, through its final empty line.
    public var length: Int = 0
    /// Content-Length, if the message has one.
    public var contentLength: Int64?
    /// Transfer-Encoding ends in chunked.
    public var isChunked = false
    /// Connection carries the `close` token.
    public var connectionClose = false
    /// Connection carries the `keep-alive` token.
    public var connectionKeepAlive = false

    /// Whether the connection persists after this message (RFC 9112 9.3):
    /// `close` ends it; otherwise HTTP/1.1 persists, and HTTP/1.0 persists
    /// only with `keep-alive` (nginx's ngx_http_process_request_header, and
    /// the upstream's `keepalive` flag in ngx_http_proxy_process_header).
    public var isKeepAlive: Bool {
        if connectionClose { return false }
        return versionMinor >= 1 || connectionKeepAlive
    }
}
