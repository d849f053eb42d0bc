import Randomness

/// nginx-style access logs made up from a seed, for tests and demos: a
/// site's API and static hosts, browsers with keepalive connections, a few
/// retried requests, and (if asked) the lines real logs hold that are not
/// requests — a TLS handshake on the plain port, a cut-off line, binary
/// junk, a WebDAV method, blank lines. Lines are in order of completion,
/// as nginx writes them.
public struct SyntheticAccessLog: Sendable {
    public enum Style: String, CaseIterable, Sendable {
        /// nginx's `combined`: `$time_local`, to the second.
        case combined
        /// `combined` with `$request_time` and the upstream timings after it.
        case combinedWithTimings
        /// The format `nginx export` writes (`$msec`, to the millisecond).
        case exported
        /// `$time_iso8601` and `$host`, JSON-ish key=value pairs.
        case iso8601

        public var formatText: String {
            switch self {
            case .combined: return AccessLogFormat.combinedText
            case .combinedWithTimings:
                return AccessLogFormat.combinedText
                    + " rt=$request_time uct=\"$upstream_connect_time\" urt=\"$upstream_response_time\" cn=$connection cr=$connection_requests"
            case .exported:
                return "$msec connection=$connection connection_requests=$connection_requests status=$status "
                    + "request_time=$request_time upstream_addr=$upstream_addr upstream_status=$upstream_status "
                    + "upstream_connect_time=$upstream_connect_time upstream_response_time=$upstream_response_time "
                    + "$request_method $request_uri"
            case .iso8601:
                return "time=$time_iso8601 host=$host client=$remote_addr request=\"$request\" status=$status bytes=$body_bytes_sent "
                    + "rt=$request_time"
            }
        }
    }

    public var style: Style
    public var requests: Int
    /// Requests started per second (evenly spaced on average, Poisson).
    public var ratePerSecond: Double
    public var clients: Int
    /// Every n-th line is one that is not a request (0: none).
    public var malformedEvery: Int
    public var seed: UInt64
    /// The first request's start, nanoseconds since the epoch (2026-12-04 07:00:00 UTC).
    public var start: Int64 = 1_796_367_600_000_000_000

    public init(style: Style, requests: Int, ratePerSecond: Double = 50, clients: Int = 20, malformedEvery: Int = 0, seed: UInt64 = 1) {
        self.style = style; self.requests = requests; self.ratePerSecond = ratePerSecond; self.clients = clients
        self.malformedEvery = malformedEvery; self.seed = seed
    }

    public struct Log: Sendable {
        public var lines: [String]
        /// The lines that are requests, the lines that are not (blank lines excluded), and blank lines.
        public var requestLines = 0
        public var badLines = 0
        public var blankLines = 0
        /// The line numbers (1-based) of the lines that are not requests.
        public var badLineNumbers: [Int] = []
        public var text: String { lines.joined(separator: "\n") + "\n" }
    }

    struct Request {
        var start: Int64, duration: Int64, client: Int, method: String, uri: String, host: String
        var status: Int, bytes: Int, connection: Int, connectionRequests: Int, upstreamConnect: [String], upstreamResponse: [String]
        var upstreamAddress: [String], upstreamStatus: [String]
    }

    public func make() -> Log {
        let format = try! AccessLogFormat(parsing: style.formatText)
        var random = SeedSequence(masterSeed: seed).stream(named: "synthetic-access-log")
        var requestsMade: [Request] = []
        var time = start
        var connectionOfClient = [Int](repeating: 0, count: max(1, clients)), requestsOnConnection = [Int](repeating: 0, count: max(1, clients))
        var nextConnection = 1
        for _ in 0..<max(0, requests) {
            // Gaps bounded to a day: any rate given (even 0) makes a log, never a trap.
            time += Int64(min(86_400e9, random.nextStandardExponential() / max(ratePerSecond, 1e-6) * 1e9))
            let client = Int(random.next(below: UInt64(max(1, clients))))
            // A client keeps its connection for a few requests (client keepalive), then opens a new one.
            if connectionOfClient[client] == 0 || random.next(below: 4) == 0 {
                connectionOfClient[client] = nextConnection; nextConnection += 1; requestsOnConnection[client] = 0
            }
            requestsOnConnection[client] += 1
            let isPost = random.next(below: 10) == 0
            let isStatic = random.next(below: 3) == 0
            let reused = random.next(below: 5) != 0
            let retried = random.next(below: 40) == 0
            let duration = Int64(1 + random.next(below: 80)) * 1_000_000
            let connect = reused ? "0.000" : "0.00\(1 + random.next(below: 9))"
            let response = AccessLogTime.millisecondsText(duration)
            requestsMade.append(Request(
                start: time, duration: duration, client: client, method: isPost ? "POST" : "GET",
                uri: isStatic ? "/static/app.\(random.next(below: 20)).js" : "/api/items/\(random.next(below: 500))?page=\(random.next(below: 3))",
                host: isStatic ? "static.example.com" : "api.example.com", status: retried ? 502 : 200,
                bytes: Int(200 + random.next(below: 20_000)), connection: connectionOfClient[client],
                connectionRequests: requestsOnConnection[client],
                upstreamConnect: retried ? ["0.000", connect] : [connect], upstreamResponse: retried ? ["0.000", response] : [response],
                upstreamAddress: retried ? ["10.0.1.11:3000", "10.0.1.12:3000"] : ["10.0.1.1\(1 + client % 2):3000"],
                upstreamStatus: retried ? ["502", "200"] : ["200"]))
        }
        // nginx writes a line when the request ends.
        requestsMade.sort { ($0.start + $0.duration, $0.start) < ($1.start + $1.duration, $1.start) }
        var log = Log(lines: [])
        for request in requestsMade {
            if malformedEvery > 0, (log.lines.count + 1) % malformedEvery == 0 {
                let junk = junkLine(kind: log.lines.count / malformedEvery, format: format, at: request.start)
                log.lines.append(junk)
                if junk.isEmpty { log.blankLines += 1 } else { log.badLines += 1; log.badLineNumbers.append(log.lines.count) }
            }
            log.lines.append(format.render { value(of: $0, request) })
            log.requestLines += 1
        }
        return log
    }

    func value(of variable: AccessLogVariable, _ r: Request) -> String {
        let end = r.start + r.duration
        switch variable {
        case .msec: return AccessLogTime.millisecondsText(end)
        case .timeLocal: return AccessLogTime.localText(end)
        case .timeISO8601: return AccessLogTime.iso8601Text(end)
        case .remoteAddress: return r.client % 7 == 6 ? "2001:db8::\(r.client)" : "198.51.100.\(r.client % 250 + 1)"
        case .request: return "\(r.method) \(r.uri) HTTP/1.1"
        case .requestMethod: return r.method
        case .requestURI: return r.uri
        case .status: return "\(r.status == 502 ? 200 : r.status)"
        case .bodyBytesSent, .bytesSent: return "\(r.bytes)"
        case .requestTime: return AccessLogTime.millisecondsText(r.duration)
        case .upstreamConnectTime: return r.upstreamConnect.joined(separator: ", ")
        case .upstreamResponseTime: return r.upstreamResponse.joined(separator: ", ")
        case .upstreamAddress: return r.upstreamAddress.joined(separator: ", ")
        case .upstreamStatus: return r.upstreamStatus.joined(separator: ", ")
        case .connection: return "\(r.connection)"
        case .connectionRequests: return "\(r.connectionRequests)"
        case .host, .httpHost: return r.host
        case .other("http_user_agent"): return "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
        case .other("http_referer"): return "https://www.example.com/"
        default: return "-"
        }
    }

    /// A line that is not a request, of one of five kinds in turn.
    func junkLine(kind: Int, format: AccessLogFormat, at time: Int64) -> String {
        switch kind % 5 {
        case 0:  // a TLS ClientHello sent to the plain-HTTP port, as nginx escapes it
            return format.render { variable in
                switch variable {
                case .request: return "\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03"
                case .requestMethod, .requestURI: return "-"
                case .status: return "400"
                case .msec: return AccessLogTime.millisecondsText(time)
                case .timeLocal: return AccessLogTime.localText(time)
                case .timeISO8601: return AccessLogTime.iso8601Text(time)
                case .remoteAddress: return "203.0.113.9"
                default: return "0"
                }
            }
        case 1:  // a line cut off (a full disk, a crash while writing)
            return String(format.render { value(of: $0, Request(
                start: time, duration: 1_000_000, client: 1, method: "GET", uri: "/", host: "api.example.com", status: 200, bytes: 1,
                connection: 1, connectionRequests: 1, upstreamConnect: ["0.000"], upstreamResponse: ["0.001"],
                upstreamAddress: ["10.0.1.11:3000"], upstreamStatus: ["200"])) }.prefix(12))
        case 2:
            return "\u{1}\u{2}garbage that is no log line at all"
        case 3:  // WebDAV: a method the model does not simulate
            return format.render { variable in
                switch variable {
                case .request: return "PROPFIND /dav/ HTTP/1.1"
                case .requestMethod: return "PROPFIND"
                case .requestURI: return "/dav/"
                case .msec: return AccessLogTime.millisecondsText(time)
                case .timeLocal: return AccessLogTime.localText(time)
                case .timeISO8601: return AccessLogTime.iso8601Text(time)
                case .status: return "405"
                case .requestTime: return "0.000"
                case .remoteAddress: return "198.51.100.7"
                case .upstreamConnectTime, .upstreamResponseTime, .upstreamAddress, .upstreamStatus: return "-"
                default: return "0"
                }
            }
        default:
            return ""
        }
    }
}
