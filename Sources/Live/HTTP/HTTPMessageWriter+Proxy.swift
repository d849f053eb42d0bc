import ProxyModel

/// What the built-in proxy writes: the request it passes upstream and the
/// response it sends the client, in the shape nginx gives them.
extension HTTPMessageWriter {
    /// The request nginx sends upstream (ngx_http_proxy_create_request): the
    /// request line with `proxy_http_version`, `Host` (the upstream's name,
    /// `$proxy_host`), `Connection` unless `proxy_set_header Connection ""`
    /// removed it, the body's length, then the client's other fields, then the body.
    public static func appendProxiedRequest(
        into output: inout [UInt8], method: HTTPMethod, target: [UInt8], version: HTTPVersion, host: String,
        connection: ConnectionHeaderValue, forwardedFields: [UInt8], body: [UInt8]
    ) {
        output.append(contentsOf: method.rawValue.utf8)
        output.append(HTTPBytes.space)
        output.append(contentsOf: target)
        output.append(contentsOf: version == .http10 ? " HTTP/1.0\r\nHost: ".utf8 : " HTTP/1.1\r\nHost: ".utf8)
        output.append(contentsOf: host.utf8)
        switch connection {
        case .empty: output.append(contentsOf: "\r\n".utf8)
        case .close: output.append(contentsOf: "\r\nConnection: close\r\n".utf8)
        case .keepAlive: output.append(contentsOf: "\r\nConnection: keep-alive\r\n".utf8)
        }
        if !body.isEmpty || method == .post || method == .put || method == .patch {
            output.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(into: &output, body.count)
            output.append(contentsOf: "\r\n".utf8)
        }
        output.append(contentsOf: forwardedFields)
        output.append(contentsOf: "\r\n".utf8)
        output.append(contentsOf: body)
    }

    /// The response the proxy sends its client: the status, the body's
    /// length (and no body for HEAD), `Connection: close` when the
    /// connection ends after it, `Connection: keep-alive` to an HTTP/1.0
    /// client it keeps (ngx_http_header_filter).
    public static func appendProxiedResponse(
        into output: inout [UInt8], status: Int, body: [UInt8], keepAlive: Bool, headRequest: Bool, clientVersion: HTTPVersion
    ) {
        output.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(into: &output, Swift.min(Swift.max(status, 100), 999))
        output.append(HTTPBytes.space)
        output.append(contentsOf: reasonPhrase(status).utf8)
        output.append(contentsOf: "\r\nServer: keepalive-lab\r\nContent-Length: ".utf8)
        appendDecimal(into: &output, body.count)
        if !keepAlive {
            output.append(contentsOf: "\r\nConnection: close".utf8)
        } else if clientVersion == .http10 {
            output.append(contentsOf: "\r\nConnection: keep-alive".utf8)
        }
        output.append(contentsOf: "\r\n\r\n".utf8)
        if !headRequest { output.append(contentsOf: body) }
    }

    /// The body of a response nginx makes itself (its error pages are short HTML).
    public static func errorPage(status: Int) -> [UInt8] {
        var page: [UInt8] = Array("<html><head><title>".utf8)
        appendDecimal(into: &page, status)
        page.append(contentsOf: " \(reasonPhrase(status))</title></head><body><h1>".utf8)
        appendDecimal(into: &page, status)
        page.append(contentsOf: " \(reasonPhrase(status))</h1><p>keepalive-lab built-in proxy</p></body></html>\r\n".utf8)
        return page
    }
}
