import ProxyModel

/// Writes the requests the load generator sends and the responses the
/// backends send, straight into an output byte buffer (no String building on
/// the hot path). Bodies are filler bytes: only their size matters to the model.
public enum HTTPMessageWriter {
    /// A request with a Content-Length body of `bodyLength` filler bytes.
    /// `keepAlive: false` adds `Connection: close`; `responseBytes` asks an
    /// emulated backend for a body of that size (`X-Response-Bytes`).
    public static func appendRequest(
        into output: inout [UInt8], method: HTTPMethod, target: String, host: String, bodyLength: Int, keepAlive: Bool,
        responseBytes: Int? = nil
    ) {
        output.append(contentsOf: method.rawValue.utf8)
        output.append(HTTPBytes.space)
        output.append(contentsOf: target.utf8)
        output.append(contentsOf: " HTTP/1.1\r\nHost: ".utf8)
        output.append(contentsOf: host.utf8)
        output.append(contentsOf: "\r\n".utf8)
        if let responseBytes {
            output.append(contentsOf: "X-Response-Bytes: ".utf8)
            appendDecimal(into: &output, responseBytes)
            output.append(contentsOf: "\r\n".utf8)
        }
        appendFraming(into: &output, bodyLength: bodyLength, alwaysSayLength: method == .post || method == .put || method == .patch,
                      keepAlive: keepAlive)
    }

    /// A response with `bodyLength` filler bytes (none for a HEAD request's
    /// response, which still says the length). `keepAlive: false` adds `Connection: close`.
    public static func appendResponse(
        into output: inout [UInt8], status: Int, bodyLength: Int, keepAlive: Bool, headRequest: Bool = false
    ) {
        output.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(into: &output, Swift.min(Swift.max(status, 100), 999))
        output.append(HTTPBytes.space)
        output.append(contentsOf: reasonPhrase(status).utf8)
        output.append(contentsOf: "\r\n".utf8)
        appendFraming(into: &output, bodyLength: headRequest ? 0 : bodyLength, alwaysSayLength: true, keepAlive: keepAlive,
                      statedLength: bodyLength)
    }

    private static func appendFraming(
        into output: inout [UInt8], bodyLength: Int, alwaysSayLength: Bool, keepAlive: Bool, statedLength: Int? = nil
    ) {
        let length = Swift.max(bodyLength, 0)
        if length > 0 || alwaysSayLength {
            output.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(into: &output, Swift.max(statedLength ?? length, 0))
            output.append(contentsOf: "\r\n".utf8)
        }
        if !keepAlive { output.append(contentsOf: "Connection: close\r\n".utf8) }
        output.append(contentsOf: "\r\n".utf8)
        output.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: length))
    }

    /// A non-negative integer in decimal, without String.
    static func appendDecimal(into output: inout [UInt8], _ value: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var remaining = UInt(Swift.max(value, 0))
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            } while remaining > 0
            output.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// The reason phrases the rig sends (RFC 9110 section 15).
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 413: return "Content Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 505: return "HTTP Version Not Supported"
        default: return "Status"
        }
    }
}
