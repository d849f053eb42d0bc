/// An nginx `log_format`: literal text and `$variables`, as nginx's
/// `ngx_http_log_compile_format` reads them, able to split a line that
/// nginx wrote with it back into the variables' values.
///
/// ```swift
/// let format = try AccessLogFormat(parsing: AccessLogFormat.combinedText)
/// let record = try format.parse(line: line)   // AccessLogRecord; fields the format lacks are nil
/// ```
///
/// A line is split left to right: each variable's value runs to the first
/// place where the literal text after it appears (nginx's default escaping
/// writes `"` and `\` in values as `\x22` and `\x5C`, so a quoted value can
/// never contain its closing quote); a variable before the format's final
/// literal runs to that literal at the end of the line; a variable at the
/// end of the format runs to the end of the line. Two variables with no
/// text between them cannot be split and are refused when the format is read.
public struct AccessLogFormat: Hashable, Sendable {
    public enum Segment: Hashable, Sendable {
        case literal([UInt8])
        case variable(AccessLogVariable)
    }

    /// How nginx escaped values (`log_format NAME escape=...`).
    public enum Escaping: String, Hashable, Sendable {
        case `default`, json, none
    }

    public let segments: [Segment]
    public let escaping: Escaping

    /// nginx's predefined `combined` format (`ngx_http_log_module.c`, `ngx_http_combined_fmt`).
    public static let combinedText =
        #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent""#

    public static let combined = try! AccessLogFormat(parsing: combinedText)

    /// The variables of the format, in order.
    public var variables: [AccessLogVariable] {
        segments.compactMap { if case .variable(let v) = $0 { return v } else { return nil } }
    }

    /// Whether the format writes `variable`.
    public func has(_ variable: AccessLogVariable) -> Bool { variables.contains(variable) }

    init(segments: [Segment], escaping: Escaping) {
        self.segments = segments
        self.escaping = escaping
    }
}
