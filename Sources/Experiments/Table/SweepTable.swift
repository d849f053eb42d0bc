import ProxyModel
import Measurement

/// A sweep's results in tidy form: the provenance header, then one row per
/// grid point and replication, then per point a row of means and a row of 95%
/// confidence half-widths. One column per varied parameter and per metric.
/// `notebooks-data/README.md` documents every column.
///
/// ```
/// row_type,point,replication,nginx.upstreams.api.keepalive,measured_seconds,...
/// replication,0,0,1,55.000,...
/// ...
/// mean,0,,1,55.00000,...
/// ci95_half_width,0,,1,0.00000,...
/// ```
public struct SweepTable: Equatable, Sendable {
    public var header: SweepHeader
    public var parameterNames: [String]
    public var metricNames: [String]
    /// Replication rows sorted by point, then replication.
    public var rows: [SweepRow]

    public init(header: SweepHeader, parameterNames: [String], metricNames: [String], rows: [SweepRow]) {
        self.header = header; self.parameterNames = parameterNames; self.metricNames = metricNames
        self.rows = rows.sorted { ($0.point, $0.replication) < ($1.point, $1.replication) }
    }

    /// The columns before the parameters.
    public static let leadingColumns = ["row_type", "point", "replication"]

    public enum RowType: String, CaseIterable, Sendable {
        case replication
        /// A simulation that could not run; the comment line above it says why.
        case failed
        case mean
        case halfWidth = "ci95_half_width"
    }

    /// The comment line before a failed row: `# failed: point 3 replication 0: REASON`.
    static let failurePrefix = "# failed: "

    /// The rows of simulations that could not run.
    public var failures: [SweepRow] { rows.filter { $0.failure != nil } }

    /// Means and confidence half-widths per point present.
    public var aggregates: [SweepAggregate] { SweepAggregate.all(rows, metricCount: metricNames.count) }

    /// The whole table as CSV: a shard's part (header with `# shard:` and its
    /// replication rows) when `header.shard` is set, otherwise the complete
    /// file with the aggregated rows.
    public var csv: String {
        var text = header.text
        text += CSVWriter.line(Self.leadingColumns + parameterNames + metricNames)
        for row in rows {
            if let failure = row.failure {
                text += Self.failurePrefix + "point \(row.point) replication \(row.replication): "
                    + String(failure.map { $0 == "\n" || $0 == "\r" ? " " : $0 }) + "\n"
            }
            text += CSVWriter.line([(row.failure == nil ? RowType.replication : .failed).rawValue, String(row.point),
                                    String(row.replication)] + row.parameterValues + row.metricValues)
        }
        guard header.shard == nil else { return text }
        for aggregate in aggregates {
            let point = String(aggregate.point)
            text += CSVWriter.line([RowType.mean.rawValue, point, ""] + aggregate.parameterValues + aggregate.meanTexts)
            text += CSVWriter.line([RowType.halfWidth.rawValue, point, ""] + aggregate.parameterValues + aggregate.halfWidthTexts)
        }
        return text
    }
}

extension SweepTable {
    /// Reads a CSV written by `csv`: a shard's part or a complete file. Aggregated
    /// rows are skipped: they are always recomputed from the replication rows.
    /// `file` names the text in errors.
    public init(parsingCSV text: String, file: String) throws(ExperimentError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let headerLines = lines.prefix { $0.hasPrefix("#") }
        let header = try SweepHeader(parsing: Array(headerLines), file: file)
        var lineNumber = headerLines.count + 1
        guard lineNumber <= lines.count else { throw ExperimentError("\(file): the column names are missing after the header") }
        let columns = try CSVLine.fields(lines[lineNumber - 1], file: file, line: lineNumber)
        let parameterCount = header.vary.count
        guard columns.count > Self.leadingColumns.count + parameterCount,
              Array(columns.prefix(Self.leadingColumns.count)) == Self.leadingColumns
        else {
            throw ExperimentError("\(file):\(lineNumber): expected the columns \(Self.leadingColumns.joined(separator: ",")), "
                + "\(parameterCount) parameter\(parameterCount == 1 ? "" : "s") and the metrics")
        }
        let parameterNames = Array(columns[Self.leadingColumns.count..<(Self.leadingColumns.count + parameterCount)])
        let metricNames = Array(columns[(Self.leadingColumns.count + parameterCount)...])
        var parsed: [SweepRow] = []
        var pendingFailure: String?
        for line in lines[lineNumber...] {
            lineNumber += 1
            if line.hasPrefix("#") {
                // Comments among the rows: the reason for the failed row below (others are skipped, as pandas does).
                if line.hasPrefix(Self.failurePrefix), let colon = line.dropFirst(Self.failurePrefix.count).firstIndex(of: ":") {
                    pendingFailure = String(line[line.index(after: colon)...].drop { $0 == " " })
                }
                continue
            }
            let fields = try CSVLine.fields(line, file: file, line: lineNumber)
            guard fields.count == columns.count else {
                throw ExperimentError("\(file):\(lineNumber): \(fields.count) fields where the header names \(columns.count)")
            }
            guard let type = RowType(rawValue: fields[0]) else {
                throw ExperimentError("\(file):\(lineNumber): unknown row_type '\(fields[0])'; expected "
                    + RowType.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard type == .replication || type == .failed else { continue }
            guard let point = Int(fields[1]), (0..<header.points).contains(point),
                  let replication = Int(fields[2]), (0..<header.replications).contains(replication)
            else {
                throw ExperimentError("\(file):\(lineNumber): point '\(fields[1])' or replication '\(fields[2])' is outside "
                    + "the sweep's \(header.points) points and \(header.replications) replications")
            }
            let parameterEnd = Self.leadingColumns.count + parameterCount
            let failure = type == .failed ? (pendingFailure ?? "no reason given") : nil
            pendingFailure = nil
            for (offset, value) in fields[parameterEnd...].enumerated() where !Self.isMetricText(value) || (failure != nil && !value.isEmpty) {
                throw ExperimentError("\(file):\(lineNumber): \(metricNames[offset]) is \(QuotedInput.shortened(value)); "
                    + "a metric is empty (not measured) or a decimal number such as 12 or -0.125, as sweep writes it")
            }
            parsed.append(SweepRow(point: point, replication: replication,
                                   parameterValues: Array(fields[Self.leadingColumns.count..<parameterEnd]),
                                   metricValues: Array(fields[parameterEnd...]), failure: failure))
        }
        self.init(header: header, parameterNames: parameterNames, metricNames: metricNames, rows: parsed)
    }
}

extension SweepTable {
    /// Whether `text` is a metric value as `sweep` prints it: empty, or an
    /// optional minus, digits and an optional fraction (no exponent, NaN or
    /// infinity, which no run measures), at most 40 characters.
    static func isMetricText(_ text: String) -> Bool {
        if text.isEmpty { return true }
        guard text.utf8.count <= 40 else { return false }
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let whole = bytes.prefix(while: isDigit)
        guard !whole.isEmpty else { return false }
        bytes = bytes.dropFirst(whole.count)
        guard let dot = bytes.first else { return true }
        let fraction = bytes.dropFirst()
        return dot == UInt8(ascii: ".") && !fraction.isEmpty && fraction.allSatisfy(isDigit)
    }
}

/// Splits one CSV line as `CSVWriter` writes it (RFC 4180 quoting; no line breaks inside fields).
enum CSVLine {
    static func fields(_ line: String, file: String, line number: Int) throws(ExperimentError) -> [String] {
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var wasQuoted = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            if inQuotes {
                if character == "\"" {
                    inQuotes = false
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                if wasQuoted { field.append("\"") }  // a doubled quote inside a quoted field
                inQuotes = true
                wasQuoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
                wasQuoted = false
            } else {
                field.append(character)
            }
        }
        guard !inQuotes else { throw ExperimentError("\(file):\(number): a quoted field is not closed") }
        fields.append(field)
        return fields
    }
}
