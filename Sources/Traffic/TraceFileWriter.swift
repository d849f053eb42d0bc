/// Writes traces in `TraceFileReader`'s format: a header, then one line per
/// record, with only the columns asked for (so a generated trace stays as
/// small as the old five-column format, and an imported one carries what
/// its log said). `uri` is always written last, so its commas need no quoting.
public struct TraceFileWriter: Sendable {
    public struct Columns: OptionSet, Hashable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let uri = Columns(rawValue: 1)
        public static let clientAddress = Columns(rawValue: 2)
        /// The access log's observations (status, times, attempts, connection reuse).
        public static let observed = Columns(rawValue: 4)
    }

    public let columns: Columns

    public init(columns: Columns = []) { self.columns = columns }

    /// The header line (without its newline).
    public var header: String {
        var names = ["time_ms", "client", "method", "request_bytes", "response_bytes"]
        if columns.contains(.clientAddress) { names.append("client_address") }
        if columns.contains(.observed) { names += Array(TraceFileReader.columns[7...]) }
        if columns.contains(.uri) { names.append("uri") }
        return names.joined(separator: ",")
    }

    /// One record's line (without its newline).
    public func line(_ record: TraceRecord) -> String {
        var line = "\(TraceFileReader.millisecondsText(record.time.nanoseconds)),\(record.client),\(record.method.rawValue),"
            + "\(record.requestBytes),\(record.responseBytes)"
        if columns.contains(.clientAddress) { line += "," + (record.clientAddress.map(IPv4Network.text) ?? "") }
        if columns.contains(.observed) {
            let seen = record.observed ?? TraceObservation()
            let fields: [String?] = [
                seen.status.map { "\($0)" }, seen.requestTime.map(TraceFileReader.millisecondsText),
                seen.upstreamConnectTime.map(TraceFileReader.millisecondsText),
                seen.upstreamResponseTime.map(TraceFileReader.millisecondsText), seen.upstreamAttempts.map { "\($0)" },
                seen.connection.map { "\($0)" }, seen.connectionRequests.map { "\($0)" },
            ]
            for field in fields { line += "," + (field ?? "") }
        }
        if columns.contains(.uri) { line += "," + (record.uri ?? "") }
        return line
    }
}
