import ProxyModel

/// What a trace holds, gathered in one pass in bounded memory: its rate
/// over time, how bursty it is, its method mix, and the connection reuse
/// an access log saw (`trace inspect`).
public struct TraceSummary: Sendable {
    public private(set) var records = 0
    public private(set) var firstTime: Instant?
    public private(set) var lastTime = Instant.zero
    /// Requests per bucket of `bucketWidth` from the first record; at most
    /// `maximumBuckets` (the width doubles as the trace gets longer).
    public private(set) var buckets: [Int] = []
    public private(set) var bucketWidth: Int64 = 1_000_000_000
    /// Requests per method, in `HTTPMethod.allCases` order.
    public private(set) var methods = [Int](repeating: 0, count: HTTPMethod.allCases.count)
    public private(set) var responseBytes: Int64 = 0
    /// Responses by status class (index 1 for 1xx ... 5 for 5xx), where the trace says.
    public private(set) var statusClasses = [Int](repeating: 0, count: 6)
    public private(set) var statusesSeen = 0
    /// Requests that came on a client connection already used (`connection_requests` > 1), of those that say.
    public private(set) var clientReused = 0
    public private(set) var clientConnectionSeen = 0
    /// Last upstream attempts on a cached connection (`upstream_connect_ms` 0), of those with a connect time.
    public private(set) var upstreamReused = 0
    public private(set) var upstreamConnectSeen = 0
    /// Requests nginx sent upstream more than once.
    public private(set) var retried = 0
    public private(set) var largestClient: Int32 = -1
    /// Distinct clients, counted up to `maximumDistinctClients`.
    public var distinctClients: Int { clients.count }

    public static let maximumBuckets = 1_000
    public static let maximumDistinctClients = 1_000_000

    private var clients: Set<Int32> = []
    /// Per-second counts, as running sums (seconds with no request count too).
    private var second: Int64 = 0, secondCount = 0
    private var seconds = 0.0, countSum = 0.0, countSquares = 0.0
    public private(set) var peakPerSecond = 0
    /// Gaps between consecutive requests, in seconds, as running sums.
    private var gaps = 0.0, gapSum = 0.0, gapSquares = 0.0

    public init() {}

    public mutating func add(_ record: TraceRecord) {
        let start = firstTime ?? record.time
        if firstTime == nil { firstTime = record.time } else {
            let gap = Double(record.time.nanoseconds - lastTime.nanoseconds) / 1e9
            gaps += 1; gapSum += gap; gapSquares += gap * gap
        }
        lastTime = record.time
        records += 1
        let offset = record.time.nanoseconds - start.nanoseconds
        countIntoBucket(offset)
        countIntoSecond(offset / 1_000_000_000)
        if let index = HTTPMethod.allCases.firstIndex(of: record.method) { methods[index] += 1 }
        responseBytes = responseBytes.addingReportingOverflow(record.responseBytes).overflow ? .max : responseBytes + record.responseBytes
        largestClient = max(largestClient, record.client)
        if clients.count < Self.maximumDistinctClients { clients.insert(record.client) }
        guard let seen = record.observed else { return }
        if let status = seen.status, (100...599).contains(status) { statusClasses[status / 100] += 1; statusesSeen += 1 }
        if let requests = seen.connectionRequests { clientConnectionSeen += 1; if requests > 1 { clientReused += 1 } }
        if let connect = seen.upstreamConnectTime { upstreamConnectSeen += 1; if connect == 0 { upstreamReused += 1 } }
        if let attempts = seen.upstreamAttempts, attempts > 1 { retried += 1 }
    }

    private mutating func countIntoBucket(_ offset: Int64) {
        while offset / bucketWidth >= Int64(Self.maximumBuckets) {
            // Twice as wide: pairs of buckets merge.
            buckets = stride(from: 0, to: buckets.count, by: 2).map { buckets[$0] + ($0 + 1 < buckets.count ? buckets[$0 + 1] : 0) }
            bucketWidth *= 2
        }
        let index = Int(offset / bucketWidth)
        if buckets.count <= index { buckets += [Int](repeating: 0, count: index + 1 - buckets.count) }
        buckets[index] += 1
    }

    private mutating func countIntoSecond(_ index: Int64) {
        if index != second {
            closeSecond()
            // The seconds in between had no request.
            seconds += Double(index - second - 1)
            second = index
        }
        secondCount += 1
    }

    private mutating func closeSecond() {
        let n = Double(secondCount)
        seconds += 1; countSum += n; countSquares += n * n
        peakPerSecond = max(peakPerSecond, secondCount)
        secondCount = 0
    }

    /// Seconds from the first request to the last.
    public var duration: Double { firstTime.map { Double(lastTime.nanoseconds - $0.nanoseconds) / 1e9 } ?? 0 }

    /// Requests per second over the whole trace.
    public var meanRate: Double { duration > 0 ? Double(records - 1) / duration : 0 }

    /// Per-second counts: their variance over their mean (1 for Poisson
    /// arrivals, above 1 bursty, below 1 more regular), with the second in progress.
    public var dispersionIndex: Double? {
        var copy = self
        copy.closeSecond()
        guard copy.seconds >= 2, copy.countSum > 0 else { return nil }
        let mean = copy.countSum / copy.seconds
        let variance = max(0, copy.countSquares / copy.seconds - mean * mean) * copy.seconds / (copy.seconds - 1)
        return variance / mean
    }

    /// The busiest second's requests over the mean per second.
    public var peakToMean: Double? {
        var copy = self
        copy.closeSecond()
        guard copy.seconds >= 1, copy.countSum > 0 else { return nil }
        return Double(copy.peakPerSecond) / (copy.countSum / copy.seconds)
    }

    /// The coefficient of variation of the gaps between requests (1 for Poisson, 0 for evenly spaced).
    public var gapVariation: Double? {
        guard gaps >= 2, gapSum > 0 else { return nil }
        let mean = gapSum / gaps
        let variance = max(0, gapSquares / gaps - mean * mean) * gaps / (gaps - 1)
        return variance.squareRoot() / mean
    }
}
