import Testing
import Traffic

@Suite struct AccessLogFormatTests {
    @Test func combinedIsNginxsPredefinedFormatAndSplitsARealLine() throws {
        let line = #"203.0.113.7 - alice [04/Dec/2026:07:40:31 +0100] "GET /api/items?id=1&x=\x22q\x22 HTTP/1.1" 200 5120 "https://example.com/" "Mozilla/5.0 (X11; Linux x86_64)""#
        let record = try AccessLogFormat(parsing: "combined").parse(line: line)
        #expect(record.remoteAddress == "203.0.113.7")
        #expect(record.method == "GET")
        #expect(record.uri == #"/api/items?id=1&x="q""#, "nginx's \\x22 escapes are undone")
        #expect(record.status == 200)
        #expect(record.bodyBytesSent == 5120)
        // 07:40:31 at +0100 is 06:40:31 UTC.
        #expect(record.loggedAt == AccessLogTime.iso8601("2026-12-04T06:40:31Z"))
        #expect(record.loggedAtResolution == .second)
        #expect(record.values.map(\.variable.name) == ["remote_addr", "remote_user", "time_local", "request", "status",
                                                       "body_bytes_sent", "http_referer", "http_user_agent"])
    }

    @Test func theFormatNginxExportWritesParsesWithRetriedAttempts() throws {
        // As in an nginx.conf: log_format NAME 'part' 'part' ...; (NginxConfExport's keepalive_lab format).
        let directive = """
            log_format keepalive_lab '$msec connection=$connection connection_requests=$connection_requests status=$status '
                'request_time=$request_time upstream_addr=$upstream_addr upstream_status=$upstream_status '
                'upstream_connect_time=$upstream_connect_time upstream_response_time=$upstream_response_time '
                '$request_method $request_uri';
            """
        let format = try AccessLogFormat(parsing: directive)
        let line = "1796367631.250 connection=17 connection_requests=3 status=200 request_time=0.012 "
            + "upstream_addr=127.0.0.1:18001, 127.0.0.1:18002 upstream_status=502, 200 upstream_connect_time=0.000, 0.001 "
            + "upstream_response_time=0.000, 0.010 POST /orders?id=9"
        let record = try format.parse(line: line)
        #expect(record.loggedAt == 1_796_367_631_250_000_000)
        #expect(record.loggedAtResolution == .millisecond)
        #expect(record.connection == 17 && record.connectionRequests == 3)
        #expect(record.requestTime == 12_000_000)
        #expect(record.upstreamAddresses == ["127.0.0.1:18001", "127.0.0.1:18002"])
        #expect(record.upstreamStatuses == [502, 200])
        #expect(record.upstreamConnectTimes == [0, 1_000_000])
        #expect(record.upstreamResponseTimes == [0, 10_000_000])
        #expect(record.method == "POST" && record.uri == "/orders?id=9")
    }

    @Test func upstreamValuesOfInternalRedirectsAndDashesAreReadPerAttempt() throws {
        let format = try AccessLogFormat(parsing: "$status $upstream_connect_time|$upstream_status")
        let record = try format.parse(line: "200 - : 0.004|- : 200")
        #expect(record.upstreamConnectTimes == [nil, 4_000_000])
        #expect(record.upstreamStatuses == [nil, 200])
        let none = try format.parse(line: "499 -|-")
        #expect(none.upstreamConnectTimes.isEmpty && none.upstreamStatuses.isEmpty)
    }

    @Test func bracedVariablesEscapesAndUnknownVariablesAreAccepted() throws {
        let format = try AccessLogFormat(parsing: #"escape=json '{"t":"${msec}","u":"$request_uri","x":"$sent_http_x_id"}'"#)
        #expect(format.escaping == .json)
        #expect(format.variables == [.msec, .requestURI, .other("sent_http_x_id")])
        let record = try format.parse(line: #"{"t":"1.5","u":"/a\"b","x":"abc"}"#)
        #expect(record.loggedAt == 1_500_000_000)
        #expect(record.uri == #"/a"b"#)
    }

    @Test func timeISO8601AndUriWithArgsAreUnderstood() throws {
        let format = try AccessLogFormat(parsing: "$time_iso8601 $uri $args")
        let record = try format.parse(line: "2026-12-04T07:40:31+00:00 /search q=1")
        #expect(record.uri == "/search?q=1")
        #expect(record.loggedAt == AccessLogTime.local("04/Dec/2026:07:40:31 +0000"))
    }

    @Test func formatsThatCannotBeReadAreRefusedWithTheReason() {
        func problem(_ text: String) -> String {
            do { _ = try AccessLogFormat(parsing: text); return "" } catch { return "\(error)" }
        }
        #expect(problem("$status$body_bytes_sent").contains("have no text between them"))
        #expect(problem("status $").contains("not followed by a variable name"))
        #expect(problem("${status").contains("closing }"))
        #expect(problem("'$status").contains("unclosed"))
        #expect(problem("escape=xml $status").contains("escape=default, escape=json or escape=none"))
        #expect(problem("   ").contains("empty"))
    }

    @Test func linesThatDoNotMatchTheFormatSayWhereAndWhat() {
        func problem(_ format: String, _ line: String) -> String {
            do { _ = try AccessLogFormat(parsing: format).parse(line: line); return "" } catch { return "\(error)" }
        }
        #expect(problem("combined", "garbage").contains("no \" - \" after $remote_addr"))
        #expect(problem("$status [$time_local]", "200 [yesterday]").contains("$time_local is \"yesterday\""))
        #expect(problem("$status $body_bytes_sent", "OK 12").contains("$status is \"OK\""))
        #expect(problem("$status $request_time", "200 fast").contains("$request_time is \"fast\""))
        #expect(problem("[$status]", "[200] trailing").contains("no \"]\" after $status") || problem("[$status]", "[200] trailing").contains("\"]\""))
    }

    @Test func aFormatRendersTheLineItParses() throws {
        let format = try AccessLogFormat(parsing: "combined")
        let line = format.render { variable in
            switch variable {
            case .remoteAddress: return "192.0.2.1"
            case .timeLocal: return AccessLogTime.localText(1_796_367_631_000_000_000)
            case .request: return "DELETE /x HTTP/1.1"
            case .status: return "204"
            case .bodyBytesSent: return "0"
            default: return "-"
            }
        }
        let record = try format.parse(line: line)
        #expect(record.method == "DELETE" && record.status == 204 && record.loggedAt == 1_796_367_631_000_000_000)
    }
}
