import ProxyModel
import Scenario

/// Reads the values of `--vary PATH=V1,V2,...`: a comma-separated list whose
/// items are single values or ranges.
///
/// - `1..64x2`: geometric, 1, 2, 4, ..., 64 (the factor must be > 1);
/// - `10..100+10`: arithmetic, 10, 20, ..., 100; `1..4` steps by 1;
/// - `1s..10s+1s`, `100ms..1600msx2`: the same with durations;
/// - a number, `true`, `false`, `null`; `{...}` or `[...]` as JSON5
///   (commas inside brackets and quotes do not split the list);
/// - anything else is a string (`4s`, `node-20`); quotes force a string (`'1.3'`).
///
/// A range ends at the last value not beyond its end. Where the model already
/// holds a string, unquoted values stay strings (`nginx.version=1.22.1,1.29.7`).
public enum SweepValueList {
    /// More values than this in one list is a mistake (a step of 0.001 meant 0.1).
    public static let maximumCount = 100_000

    public static func parse(_ text: String, existing: JSON5Value?) throws(ExperimentError) -> [SweepValue] {
        var values: [SweepValue] = []
        for item in try splitItems(text) {
            let expanded = try expand(item, existing: existing)
            for value in expanded {
                if values.contains(value) { throw ExperimentError("the value \(QuotedInput.cut(value.text)) is listed twice in '\(QuotedInput.cut(text))'") }
                values.append(value)
                if values.count > maximumCount {
                    throw ExperimentError("'\(QuotedInput.cut(text))' gives more than \(maximumCount) values; use a coarser step")
                }
            }
        }
        return values
    }

    /// Splits at commas that are not inside quotes, braces or brackets.
    static func splitItems(_ text: String) throws(ExperimentError) -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        var escaped = false
        for character in text {
            if let open = quote {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == open { quote = nil }
                current.append(character)
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "{", "[": depth += 1
            case "}", "]": depth -= 1
            case "," where depth == 0:
                items.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        guard quote == nil else { throw ExperimentError("a quote is not closed in '\(QuotedInput.cut(text))'") }
        guard depth == 0 else { throw ExperimentError("brackets do not balance in '\(QuotedInput.cut(text))'") }
        items.append(current)
        for item in items where item.isEmpty {
            throw ExperimentError("'\(QuotedInput.cut(text))' has an empty value; separate values with single commas, e.g. 8,16,32")
        }
        return items
    }

    private static func expand(_ item: String, existing: JSON5Value?) throws(ExperimentError) -> [SweepValue] {
        if let first = item.first, !"\"'{[".contains(first), let dots = rangeOperator(in: item) {
            return try ValueRange(item, start: String(item[..<dots]), rest: String(item[item.index(dots, offsetBy: 2)...])).values()
        }
        return [try scalar(item, existing: existing)]
    }

    /// Where `..` first appears.
    private static func rangeOperator(in item: String) -> String.Index? {
        var index = item.startIndex
        while index < item.endIndex {
            let next = item.index(after: index)
            if item[index] == ".", next < item.endIndex, item[next] == "." { return index }
            index = next
        }
        return nil
    }

    /// One value, typed as the rules above say.
    static func scalar(_ item: String, existing: JSON5Value?) throws(ExperimentError) -> SweepValue {
        if let first = item.first, "\"'{[".contains(first) {
            do {
                return SweepValue(try JSON5Parser.parse(item))
            } catch {
                throw ExperimentError("cannot read the value \(QuotedInput.cut(item)): \(error.message) (at character \(error.location.column))")
            }
        }
        if case .string? = existing?.kind { return SweepValue(JSON5Value(.string(item))) }
        if let parsed = try? JSON5Parser.parse(item) {
            switch parsed.kind {
            case .number, .bool, .null: return SweepValue(parsed)
            default: break
            }
        }
        return SweepValue(JSON5Value(.string(item)))
    }
}

/// `START..END` with an optional `xFACTOR` or `+STEP`, over numbers or durations.
private struct ValueRange {
    enum Step { case add(String), multiply(String), one }

    let item: String
    let start: String
    let end: String
    let step: Step

    init(_ item: String, start: String, rest: String) throws(ExperimentError) {
        self.item = item
        self.start = start
        if let plus = rest.lastIndex(of: "+") {
            end = String(rest[..<plus])
            step = .add(String(rest[rest.index(after: plus)...]))
        } else if let times = rest.lastIndex(of: "x") {
            end = String(rest[..<times])
            step = .multiply(String(rest[rest.index(after: times)...]))
        } else {
            end = rest
            step = .one
        }
        guard !start.isEmpty, !end.isEmpty else { throw fail("it needs a start and an end") }
    }

    func values() throws(ExperimentError) -> [SweepValue] {
        if let low = Double(start), let high = Double(end) {
            guard !low.isNaN, !high.isNaN else { throw fail("NaN is not a number a range can start or end at") }
            guard low.isFinite, high.isFinite else { throw fail("the start and end must be finite numbers") }
            guard low <= high else { throw fail("the start is above the end") }
            return try numbers(low, high)
        }
        if let low = try? TimeSpan(parsing: start), let high = try? TimeSpan(parsing: end) {
            guard low <= high else { throw fail("the start is above the end") }
            guard high <= TimeSpan.modelMaximum else {
                throw fail("the end is above \(TimeSpan.modelMaximum.formatted()), the longest duration a model accepts")
            }
            return try durations(low, high)
        }
        throw fail("the start and end must both be numbers (1..64) or both durations (1s..10s)")
    }

    private func numbers(_ low: Double, _ high: Double) throws(ExperimentError) -> [SweepValue] {
        switch step {
        case .one, .add:
            let stepText: String
            if case .add(let text) = step { stepText = text } else { stepText = "1" }
            guard let stepValue = Double(stepText), stepValue > 0 else { throw fail("the step after '+' must be a number > 0") }
            // Exact decimal arithmetic: count in units of the finest decimal written.
            let decimals = [start, end, stepText].map(Self.decimalPlaces).max() ?? 0
            guard decimals <= 9 else { throw fail("use at most 9 decimals") }
            let scale = Self.power(10, decimals)
            // Counted in whole units, every value must be an integer a Double holds exactly (and Int64 holds).
            let largestUnits = Self.exactIntegerLimit / Double(scale)
            guard abs(low) <= largestUnits, abs(high) <= largestUnits, stepValue <= largestUnits else {
                throw fail("the start, end and step must lie between -\(JSON5Number(largestUnits).canonicalLiteral) and "
                    + "\(JSON5Number(largestUnits).canonicalLiteral) (with \(decimals) decimals)")
            }
            let first = Int64((low * Double(scale)).rounded()), last = Int64((high * Double(scale)).rounded())
            let increment = Int64((stepValue * Double(scale)).rounded())
            guard increment > 0 else { throw fail("the step is below the precision written") }
            guard (last - first) / increment < Int64(SweepValueList.maximumCount) else { throw tooMany() }
            return stride(from: first, through: last, by: Int(increment)).map { units in
                SweepValue(JSON5Value(.number(Self.decimal(units: units, decimals: decimals))))
            }
        case .multiply(let factorText):
            guard let factor = Double(factorText), factor > 1, factor.isFinite else {
                throw fail("the factor after 'x' must be a number > 1 and finite")
            }
            guard low > 0 else { throw fail("a geometric range must start above 0") }
            var result: [SweepValue] = []
            var value = low
            while value <= high * (1 + 1e-12), value.isFinite {
                // Nine decimals hide the products' binary noise; above 1e9 a Double has no such digits to round.
                let rounded = value < 1e9 ? (value * 1e9).rounded() / 1e9 : value
                result.append(SweepValue(JSON5Value(.number(JSON5Number(rounded)))))
                guard result.count <= SweepValueList.maximumCount else { throw tooMany() }
                value *= factor
            }
            return result
        }
    }

    private func durations(_ low: TimeSpan, _ high: TimeSpan) throws(ExperimentError) -> [SweepValue] {
        var spans: [TimeSpan] = []
        switch step {
        case .one:
            throw fail("a range of durations needs a step: +1s (arithmetic) or x2 (geometric)")
        case .add(let stepText):
            guard let increment = try? TimeSpan(parsing: stepText), increment > .zero else {
                throw fail("the step after '+' must be a duration > 0, e.g. +500ms")
            }
            guard (high - low).nanoseconds / increment.nanoseconds < Int64(SweepValueList.maximumCount) else { throw tooMany() }
            var span = low
            while span <= high {
                spans.append(span)
                span += increment
            }
        case .multiply(let factorText):
            guard let factor = Double(factorText), factor > 1, factor.isFinite else {
                throw fail("the factor after 'x' must be a number > 1 and finite")
            }
            guard low > .zero else { throw fail("a geometric range must start above 0") }
            var nanoseconds = Double(low.nanoseconds)
            while nanoseconds <= Double(high.nanoseconds) {
                spans.append(TimeSpan(nanoseconds: Int64(nanoseconds.rounded())))
                guard spans.count <= SweepValueList.maximumCount else { throw tooMany() }
                nanoseconds *= factor
            }
        }
        return spans.map { SweepValue(JSON5Value(.string($0.formatted()))) }
    }

    /// 2^53: every integer up to it is exactly a Double.
    private static let exactIntegerLimit = 9_007_199_254_740_992.0

    private static func decimalPlaces(_ text: String) -> Int {
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text[text.index(after: dot)...].prefix { $0.isNumber }.count
    }

    private static func power(_ base: Int64, _ exponent: Int) -> Int64 {
        (0..<exponent).reduce(1) { result, _ in result * base }
    }

    /// `units / 10^decimals`: one correctly rounded division gives the double
    /// nearest the decimal (0.3, not 0.30000000000000004 from adding 0.1 three times).
    private static func decimal(units: Int64, decimals: Int) -> JSON5Number {
        let scale = power(10, decimals)
        return units % scale == 0 ? JSON5Number(units / scale) : JSON5Number(Double(units) / Double(scale))
    }

    private func fail(_ problem: String) -> ExperimentError {
        ExperimentError("invalid range '\(QuotedInput.cut(item))': \(problem); ranges are START..END (steps of 1), "
            + "START..END+STEP (10..100+10, 1s..5s+1s) or START..ENDxFACTOR (1..64x2)")
    }

    private func tooMany() -> ExperimentError {
        ExperimentError("the range '\(QuotedInput.cut(item))' gives more than \(SweepValueList.maximumCount) values; use a coarser step")
    }
}
