/// An nginx variable of a `log_format` whose value the reader understands.
/// Any other variable (`$remote_user`, `$http_user_agent`, ...) is `.other`:
/// its text is matched and kept, never interpreted.
///
/// Value formats follow nginx's writers: `ngx_http_log_module.c`
/// (`$msec`, `$time_local`, `$time_iso8601`, `$request_time`, `$status`,
/// `$bytes_sent`, `$body_bytes_sent`, `$request_length`) and
/// `ngx_http_upstream.c` (`ngx_http_upstream_addr_variable`,
/// `..._status_variable`, `..._response_time_variable`: one value per
/// attempt, joined by ", ", and " : " across internal redirects).
public enum AccessLogVariable: Hashable, Sendable {
    case msec, timeLocal, timeISO8601
    case remoteAddress
    case request, requestMethod, requestURI, uri, arguments
    case status, bodyBytesSent, bytesSent, requestLength, contentLength
    case requestTime
    case upstreamConnectTime, upstreamHeaderTime, upstreamResponseTime, upstreamAddress, upstreamStatus
    case connection, connectionRequests
    case host, httpHost
    case other(String)

    /// The variables the reader interprets, by the name nginx gives them.
    static let known: [(name: String, variable: AccessLogVariable)] = [
        ("msec", .msec), ("time_local", .timeLocal), ("time_iso8601", .timeISO8601),
        ("remote_addr", .remoteAddress), ("request", .request), ("request_method", .requestMethod),
        ("request_uri", .requestURI), ("uri", .uri), ("args", .arguments), ("status", .status),
        ("body_bytes_sent", .bodyBytesSent), ("bytes_sent", .bytesSent), ("request_length", .requestLength),
        ("content_length", .contentLength), ("request_time", .requestTime),
        ("upstream_connect_time", .upstreamConnectTime), ("upstream_header_time", .upstreamHeaderTime),
        ("upstream_response_time", .upstreamResponseTime), ("upstream_addr", .upstreamAddress),
        ("upstream_status", .upstreamStatus), ("connection", .connection),
        ("connection_requests", .connectionRequests), ("host", .host), ("http_host", .httpHost),
    ]

    /// The variable nginx calls `name` (without the `$`); names are case-insensitive in nginx.
    public init(name: String) {
        let lower = name.lowercased()
        self = Self.known.first { $0.name == lower }?.variable ?? .other(lower)
    }

    /// The name as written in a `log_format`, without the `$`.
    public var name: String {
        if case .other(let name) = self { return name }
        return Self.known.first { $0.variable == self }!.name
    }
}
