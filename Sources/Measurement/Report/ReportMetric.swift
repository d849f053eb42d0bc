/// One named value of a report's flat view (`RunReport.metrics`): a CSV
/// column, a column of a sweep's table. Names are snake_case and carry their
/// unit (`latency_p99_ms`, `completed_per_second`, `upstream_reuse_ratio`).
public struct ReportMetric: Equatable, Sendable {
    public enum Value: Equatable, Sendable {
        case integer(Int64)
        case unsigned(UInt64)
        /// Printed with exactly `fractionDigits` decimals; nil when nothing was measured.
        case decimal(Double?, fractionDigits: Int)
        case text(String)
    }

    public var name: String
    public var value: Value

    public init(_ name: String, _ value: Value) { self.name = name; self.value = value }

    public static func count(_ name: String, _ value: UInt64) -> ReportMetric { ReportMetric(name, .unsigned(value)) }
    public static func level(_ name: String, _ value: Int64) -> ReportMetric { ReportMetric(name, .integer(value)) }
    public static func decimal(_ name: String, _ value: Double?, _ fractionDigits: Int) -> ReportMetric {
        ReportMetric(name, .decimal(value, fractionDigits: fractionDigits))
    }

    /// The value as a number, for averaging over replications; nil for text and missing values.
    public var number: Double? {
        switch value {
        case .integer(let n): return Double(n)
        case .unsigned(let n): return Double(n)
        case .decimal(let x, _): return x.flatMap { $0.isFinite ? $0 : nil }
        case .text: return nil
        }
    }

    /// The value as CSV prints it: an empty field when missing.
    public var text: String {
        switch value {
        case .integer(let n): return String(n)
        case .unsigned(let n): return String(n)
        case .decimal(let x, let digits): return x.flatMap { NumberText.fixed($0, fractionDigits: digits) } ?? ""
        case .text(let text): return text
        }
    }

    /// The value as JSON prints it: `null` when missing.
    public var json: JSONValue {
        switch value {
        case .integer(let n): return .integer(n)
        case .unsigned(let n): return .integer(n)
        case .decimal(let x, let digits): return .decimal(x, fractionDigits: digits)
        case .text(let text): return .string(text)
        }
    }
}
