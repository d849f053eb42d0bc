import Scenario
import Traffic

/// What real nginx's logs say about a replay: its access log (the export's
/// `keepalive_lab` format, one line per request) and its error log (the
/// lines ngx_http_upstream.c writes when an attempt fails).
struct NginxRunSummary {
    /// Requests nginx logged, by the status it sent.
    var requests = 0
    var byStatus: [Int: Int] = [:]
    /// Requests passed to more than one upstream attempt (`$upstream_addr` lists several).
    var retried = 0
    /// Access-log lines without a readable `status=`.
    var unreadableLines = 0
    /// Error-log counts by what nginx wrote.
    var prematurelyClosed = 0
    var resetByPeer = 0
    var noLiveUpstreams = 0
    var connectTimeouts = 0
    var readTimeouts = 0
    var connectRefused = 0
    var workerConnectionsNotEnough = 0
    /// Where nginx's files were kept (nil: removed after the run).
    var directory: String?

    /// Attempts whose `$upstream_connect_time` was above 0: connections nginx
    /// opened and timed (on loopback a connect often takes under nginx's
    /// millisecond clock and shows 0, like a reused one: the backends'
    /// accept counts are the reliable number).
    var timedConnects = 0

    init(errorLog: String, accessLog: String, directory: String?) {
        self.directory = directory
        // The export's own log_format, read with the access-log library `trace import` uses.
        let format = try? AccessLogFormat(parsing: NginxConfExport.accessLogFormat)
        for line in accessLog.split(separator: "\n") { readAccessLine(String(line), format: format) }
        for line in errorLog.split(separator: "\n") { readErrorLine(line) }
    }

    private mutating func readAccessLine(_ line: String, format: AccessLogFormat?) {
        guard let record = try? format?.parse(line: line), let status = record.status else {
            unreadableLines += 1
            return
        }
        requests += 1
        byStatus[status, default: 0] += 1
        if record.upstreamAddresses.count > 1 { retried += 1 }
        timedConnects += record.upstreamConnectTimes.filter { ($0 ?? 0) > 0 }.count
    }

    private mutating func readErrorLine(_ line: Substring) {
        if line.contains("upstream prematurely closed connection") { prematurelyClosed += 1 }
        if line.contains("Connection reset by peer") && line.contains("upstream") { resetByPeer += 1 }
        if line.contains("no live upstreams") { noLiveUpstreams += 1 }
        if line.contains("upstream timed out") {
            if line.contains("while connecting to upstream") { connectTimeouts += 1 } else { readTimeouts += 1 }
        }
        if line.contains("Connection refused") && line.contains("while connecting to upstream") { connectRefused += 1 }
        if line.contains("worker_connections are not enough") { workerConnectionsNotEnough += 1 }
    }

    /// Stale-connection failures as nginx logs them (a closed or reset
    /// connection while reading the response header).
    var staleConnectionErrors: Int { prematurelyClosed + resetByPeer }
}
