import ProxyModel

/// The running state of one `AccessLogImport`: the second being spread, the
/// reorder buffer, the client numbering and the report.
struct ImportState {
    /// A line read and converted, waiting for its send time.
    struct Pending {
        var record: TraceRecord
        var loggedAt: Int64
        var requestTime: Int64
    }

    let options: AccessLogImport.Options
    let emit: (TraceRecord) -> Void
    var report = AccessLogImport.Report()
    /// Lines logged in the current second (second resolution only).
    var second: [Pending] = []
    var secondStart: Int64 = -1
    var buffer = ReorderBuffer()
    var newestLoggedAt = Int64.min
    var lastSent = Int64.min
    var origin: Int64?
    var clientNumbers: [String: Int32] = [:]

    init(options: AccessLogImport.Options, emit: @escaping (TraceRecord) -> Void) {
        self.options = options
        self.emit = emit
    }

    mutating func take(_ line: [UInt8], lineNumber: Int) {
        if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { report.blankLines += 1; return }
        let parsed: AccessLogRecord
        do {
            parsed = try options.format.parse(line: line)
        } catch {
            bad(lineNumber, error.message)
            return
        }
        switch convert(parsed) {
        case .failure(let problem):
            bad(lineNumber, problem.message)
        case .success(let pending):
            report.firstLoggedAt = report.firstLoggedAt ?? pending.loggedAt
            report.lastLoggedAt = pending.loggedAt
            if parsed.loggedAtResolution == .second {
                if pending.loggedAt != secondStart || second.count >= AccessLogImport.maximumLinesPerSecond { spreadSecond() }
                secondStart = pending.loggedAt
                second.append(pending)
            } else {
                spreadSecond()
                enqueue(pending)
            }
        }
    }

    mutating func bad(_ lineNumber: Int, _ message: String) {
        report.badLines += 1
        if report.shownBadLines.count < options.shownBadLines {
            report.shownBadLines.append(.init(line: lineNumber, message: message))
        }
    }

    struct Problem: Error { var message: String }

    func convertMethod(_ parsed: AccessLogRecord) -> Result<HTTPMethod, Problem> {
        let format = options.format
        guard format.has(.request) || format.has(.requestMethod) else { return .success(.get) }
        guard let text = parsed.method else {
            let request = parsed.values.first { $0.variable == .request }?.text ?? "-"
            return .failure(Problem(message: "the request \(AccessLogFormat.shown(request)) is not METHOD URI PROTOCOL "
                + "(a client that sent no HTTP request: nginx answers such lines with 400)"))
        }
        guard let method = HTTPMethod(rawValue: text.uppercased()) else {
            return .failure(Problem(message: "method \(AccessLogFormat.shown(text)) is not one the model simulates "
                + "(\(HTTPMethod.allCases.map(\.rawValue).joined(separator: ", ")))"))
        }
        return .success(method)
    }

    mutating func convert(_ parsed: AccessLogRecord) -> Result<Pending, Problem> {
        guard let loggedAt = parsed.loggedAt else {
            return .failure(Problem(message: "the line has no time (nginx wrote \"-\")"))
        }
        let method: HTTPMethod
        switch convertMethod(parsed) {
        case .success(let m): method = m
        case .failure(let problem): return .failure(problem)
        }
        if let uri = parsed.uri, uri.utf8.count > TraceFileReader.maximumURIBytes {
            return .failure(Problem(message: "the URI is longer than \(TraceFileReader.maximumURIBytes) bytes, the most a trace holds"))
        }
        var record = TraceRecord(time: .zero, client: client(parsed), method: method, requestBytes: parsed.contentLength ?? 0,
                                 responseBytes: parsed.bodyBytesSent ?? parsed.bytesSent ?? 1_000,
                                 uri: parsed.uri.map(Self.printable))
        if let address = parsed.remoteAddress {
            record.clientAddress = IPv4Network.address(Substring(address))
            if record.clientAddress == nil { report.nonIPv4Addresses += 1 }
        }
        let attempts = max(parsed.upstreamAddresses.count, parsed.upstreamStatuses.count, parsed.upstreamConnectTimes.count,
                           parsed.upstreamResponseTimes.count)
        record.observed = TraceObservation(
            status: parsed.status, requestTime: parsed.requestTime, upstreamConnectTime: parsed.upstreamConnectTimes.last ?? nil,
            upstreamResponseTime: parsed.upstreamResponseTimes.last ?? nil, upstreamAttempts: attempts > 0 ? attempts : nil,
            connection: parsed.connection, connectionRequests: parsed.connectionRequests)
        return .success(Pending(record: record, loggedAt: loggedAt, requestTime: parsed.requestTime ?? 0))
    }

    /// Control characters and spaces in a URI as %XX, so it stays one trace field.
    static func printable(_ uri: String) -> String {
        guard uri.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else { return uri }
        return String(decoding: Array(uri.utf8).flatMap { b -> [UInt8] in
            guard b <= 0x20 || b == 0x7F else { return [b] }
            let hex = Array(String(b, radix: 16, uppercase: true).utf8)
            return [UInt8(ascii: "%")] + (hex.count == 1 ? [UInt8(ascii: "0")] : []) + hex
        }, as: UTF8.self)
    }

    /// The client number of the line's address (and host), in order of first appearance.
    mutating func client(_ parsed: AccessLogRecord) -> Int32 {
        let key = (parsed.remoteAddress ?? "") + (parsed.host.map { " " + $0 } ?? "")
        if let known = clientNumbers[key] { return known }
        let number = Int32(clientNumbers.count % AccessLogImport.maximumClients)
        if clientNumbers.count < 4 * AccessLogImport.maximumClients { clientNumbers[key] = number }
        report.clients = min(clientNumbers.count, AccessLogImport.maximumClients)
        return number
    }

    /// Spreads the lines of the second just read evenly over it.
    mutating func spreadSecond() {
        let n = Int64(second.count)
        for (i, var pending) in second.enumerated() {
            pending.loggedAt = secondStart + (2 * Int64(i) + 1) * 1_000_000_000 / (2 * n)
            enqueue(pending)
        }
        report.spreadWithinSecond += second.count
        second.removeAll(keepingCapacity: true)
    }

    mutating func enqueue(_ pending: Pending) {
        var record = pending.record
        record.time = Instant(nanoseconds: pending.loggedAt - min(pending.loggedAt, pending.requestTime))
        buffer.insert(record)
        newestLoggedAt = max(newestLoggedAt, pending.loggedAt)
        while let earliest = buffer.earliest, earliest.time.nanoseconds <= newestLoggedAt - options.reorderWindow {
            send(buffer.removeEarliest()!)
        }
    }

    mutating func send(_ record: TraceRecord) {
        var record = record
        var time = record.time.nanoseconds
        if time < lastSent { time = lastSent; report.lateRequests += 1 }
        lastSent = time
        let origin = self.origin ?? time
        self.origin = origin
        record.time = Instant(nanoseconds: time - origin)
        report.imported += 1
        emit(record)
    }

    mutating func finish() {
        spreadSecond()
        while let record = buffer.removeEarliest() { send(record) }
    }
}
