/// What one access-log line says, as far as its format tells: every field
/// is nil (or empty) when the format lacks its variable or nginx wrote `-`.
public struct AccessLogRecord: Hashable, Sendable {
    /// When nginx wrote the line (the request's end), nanoseconds since the Unix epoch.
    public var loggedAt: Int64?
    /// How finely `loggedAt` is known: a millisecond (`$msec`) or a second
    /// (`$time_local`, `$time_iso8601`).
    public var loggedAtResolution: TimeResolution?
    public var remoteAddress: String?
    public var method: String?
    /// The URI as the client sent it (`$request_uri`, or from `$request`;
    /// `$uri` with `$args` when that is all the format has), escapes undone.
    public var uri: String?
    public var status: Int?
    public var bodyBytesSent: Int64?
    public var bytesSent: Int64?
    public var requestLength: Int64?
    public var contentLength: Int64?
    /// `$request_time`: from the first byte read from the client to the log write, in nanoseconds.
    public var requestTime: Int64?
    /// One entry per upstream attempt (nil where nginx wrote `-`).
    public var upstreamConnectTimes: [Int64?] = []
    public var upstreamHeaderTimes: [Int64?] = []
    public var upstreamResponseTimes: [Int64?] = []
    public var upstreamAddresses: [String] = []
    public var upstreamStatuses: [Int?] = []
    /// `$connection`: the client connection's serial number.
    public var connection: Int64?
    /// `$connection_requests`: requests made on that connection so far, this one included.
    public var connectionRequests: Int64?
    /// `$host` or `$http_host`.
    public var host: String?
    /// Every variable's text as written in the line (escapes kept), in format order.
    public var values: [(variable: AccessLogVariable, text: String)] = []

    public enum TimeResolution: String, Hashable, Sendable { case millisecond, second }

    public init() {}

    public static func == (a: AccessLogRecord, b: AccessLogRecord) -> Bool {
        a.loggedAt == b.loggedAt && a.loggedAtResolution == b.loggedAtResolution && a.remoteAddress == b.remoteAddress
            && a.method == b.method && a.uri == b.uri && a.status == b.status && a.bodyBytesSent == b.bodyBytesSent
            && a.bytesSent == b.bytesSent && a.requestLength == b.requestLength && a.contentLength == b.contentLength
            && a.requestTime == b.requestTime && a.upstreamConnectTimes == b.upstreamConnectTimes
            && a.upstreamHeaderTimes == b.upstreamHeaderTimes && a.upstreamResponseTimes == b.upstreamResponseTimes
            && a.upstreamAddresses == b.upstreamAddresses && a.upstreamStatuses == b.upstreamStatuses
            && a.connection == b.connection && a.connectionRequests == b.connectionRequests && a.host == b.host
            && a.values.map(\.variable) == b.values.map(\.variable) && a.values.map(\.text) == b.values.map(\.text)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(loggedAt); hasher.combine(uri); hasher.combine(remoteAddress); hasher.combine(status)
    }
}
