import Measurement
import ProxyModel
import Traffic

/// `keepalive-lab trace inspect TRACE`: what a trace holds.
struct TraceInspectCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "inspect",
        abstract: "Summarise a trace: rate over time, burstiness, method mix, reuse seen in the log.",
        discussion: """
            Reads the trace once, in constant memory, and prints: requests, duration and \
            mean rate; the rate over time as a bar chart (at most --rows rows); how bursty \
            it is (the busiest second against the mean; the index of dispersion of \
            requests per second and the variation of the gaps between requests, both 1 \
            for Poisson arrivals, above 1 bursty, below 1 more regular); the method mix; \
            clients; and, for a trace imported from an access log, the statuses, client \
            connection reuse ($connection_requests above 1), upstream connection reuse \
            ($upstream_connect_time 0) and requests nginx retried.

            Examples:
              keepalive-lab trace inspect trace.csv
              keepalive-lab trace inspect trace.csv.gz --rows 48
            """,
        options: [
            OptionDefinition(
                name: "rows", valueName: "N", kind: .integer(1...1_000), defaultValue: "20",
                help: "Rows of the rate-over-time chart."),
        ],
        arguments: [
            ArgumentDefinition(name: "trace", valueName: "TRACE", help: "The trace file (CSV, plain or gzip)."),
        ],
        command: TraceInspectCommand.self
    )

    var tracePath: String
    var rows: Int

    init(_ arguments: ParsedArguments) throws(UsageError) {
        tracePath = arguments.string("trace")
        rows = arguments.integer("rows")
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        var summary = TraceSummary()
        do {
            let reader = try TraceFileReader(path: tracePath)
            while let record = try reader.next() { summary.add(record) }
        } catch {
            throw CommandFailure(error.description)
        }
        console.out.write(Self.text(summary, rows: rows))
    }

    static func text(_ s: TraceSummary, rows: Int) -> String {
        guard s.records > 0 else { return "requests  0 (the trace has a header and no rows)\n" }
        var lines: [(label: String, value: String)] = [
            ("requests", NumberText.grouped(s.records)),
            ("duration", "\(NumberText.fixed(s.duration, fractionDigits: 3) ?? "-")s"),
            ("mean rate", "\(NumberText.fixed(s.meanRate, fractionDigits: 2) ?? "-") requests/s"),
            ("busiest second", "\(NumberText.grouped(s.peakPerSecond)) requests (\(NumberText.fixed(s.peakToMean, fractionDigits: 2, missing: "-")) x the mean)"),
            ("dispersion index", NumberText.fixed(s.dispersionIndex, fractionDigits: 2, missing: "-")
                + "  (variance / mean of requests per second; Poisson 1)"),
            ("gap variation", NumberText.fixed(s.gapVariation, fractionDigits: 2, missing: "-")
                + "  (coefficient of variation of the gaps; Poisson 1, evenly spaced 0)"),
            ("clients", "\(NumberText.grouped(s.distinctClients))\(s.distinctClients >= TraceSummary.maximumDistinctClients ? " or more" : "")"
                + " (largest number \(s.largestClient))"),
            ("methods", methodMix(s)),
            ("mean response", "\(NumberText.grouped(s.responseBytes / Int64(s.records))) bytes"),
        ]
        if s.statusesSeen > 0 {
            let classes = (1...5).filter { s.statusClasses[$0] > 0 }.map { "\($0)xx \(share(s.statusClasses[$0], of: s.statusesSeen))" }
            lines.append(("statuses", classes.joined(separator: ", ")))
        }
        if s.clientConnectionSeen > 0 {
            lines.append(("client reuse", "\(share(s.clientReused, of: s.clientConnectionSeen)) of requests on a connection already used"))
        }
        if s.upstreamConnectSeen > 0 {
            lines.append(("upstream reuse", "\(share(s.upstreamReused, of: s.upstreamConnectSeen)) of upstream requests on a cached connection"))
        }
        if s.retried > 0 { lines.append(("retried", "\(NumberText.grouped(s.retried)) requests sent upstream more than once")) }
        return AlignedRows.text(lines) + "\nrate over time\n" + chart(s, rows: rows)
    }

    static func methodMix(_ s: TraceSummary) -> String {
        HTTPMethod.allCases.enumerated().filter { s.methods[$0.offset] > 0 }
            .map { "\($0.element.rawValue) \(share(s.methods[$0.offset], of: s.records))" }.joined(separator: ", ")
    }

    static func share(_ part: Int, of whole: Int) -> String { NumberText.percent(Double(part) / Double(max(1, whole))) }

    /// The summary's buckets regrouped into at most `rows` rows, each a bar of requests per second.
    static func chart(_ s: TraceSummary, rows: Int) -> String {
        let perRow = max(1, (s.buckets.count + rows - 1) / rows)
        let groups = stride(from: 0, to: s.buckets.count, by: perRow).map { start in
            (start: start, count: s.buckets[start..<min(s.buckets.count, start + perRow)].reduce(0, +),
             width: min(perRow, s.buckets.count - start))
        }
        let rates = groups.map { Double($0.count) / (Double(s.bucketWidth) * Double($0.width) / 1e9) }
        let peak = max(rates.max() ?? 0, 1e-9)
        let rowSpan = Int64(perRow) * s.bucketWidth
        return zip(groups, rates).map { group, rate in
            let from = Int64(group.start) * s.bucketWidth
            let label = TimeSpan(nanoseconds: from).formatted() + "-" + TimeSpan(nanoseconds: from + rowSpan).formatted()
            let bar = String(repeating: "#", count: Int((rate / peak * 40).rounded()))
            return "  " + label.padding(20) + bar.padding(41) + (NumberText.fixed(rate, fractionDigits: 1) ?? "-") + "/s\n"
        }.joined()
    }
}

private extension String {
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
