import ProxyModel

/// What an option's or argument's value must be. The parser converts text
/// into a `ParsedValue` of the matching case, or reports what is accepted.
enum ValueKind: Sendable {
    /// A decimal integer within the range, e.g. `--events 5000000`.
    case integer(ClosedRange<Int>)
    /// An unsigned 64-bit integer, decimal or `0x` hexadecimal: random seeds.
    case unsignedInteger
    /// A human duration read by `TimeSpan(parsing:)`, e.g. `1.5s`, `1h30m`.
    case duration
    /// One of a fixed list of words, e.g. `text|json`.
    case choice([String])
    /// A file system path; only the empty string is refused.
    case path
    /// Any text.
    case text

    /// An integer at least `minimum`, with no upper limit but `Int.max`.
    static func integer(atLeast minimum: Int) -> ValueKind { .integer(minimum...Int.max) }

    /// The placeholder shown in help when an option names none.
    var defaultValueName: String {
        switch self {
        case .integer: return "N"
        case .unsignedInteger: return "N"
        case .duration: return "DURATION"
        case .choice(let words): return words.joined(separator: "|")
        case .path: return "PATH"
        case .text: return "TEXT"
        }
    }

    /// Converts `text`, or explains in one clause what was wrong and what is accepted.
    func parse(_ text: String) -> Result<ParsedValue, ValueProblem> {
        switch self {
        case .integer(let range):
            guard let value = Int(text) else {
                return .failure(ValueProblem("\(Self.quoted(text)) is not an integer; expected \(Self.describe(range))"))
            }
            guard range.contains(value) else {
                return .failure(ValueProblem("\(value) is out of range; expected \(Self.describe(range))"))
            }
            return .success(.integer(value))
        case .unsignedInteger:
            let lowered = text.lowercased()
            let value = lowered.hasPrefix("0x") ? UInt64(lowered.dropFirst(2), radix: 16) : UInt64(text)
            guard let value else {
                return .failure(ValueProblem(
                    "\(Self.quoted(text)) is not an unsigned 64-bit integer; expected a decimal (42) "
                        + "or 0x-prefixed hexadecimal (0x2a) number from 0 to 18446744073709551615"))
            }
            return .success(.unsignedInteger(value))
        case .duration:
            do {
                return .success(.duration(try TimeSpan(parsing: text)))
            } catch {
                // TimeSpan.ParseError quotes the input and lists the accepted units itself.
                return .failure(ValueProblem(error.description))
            }
        case .choice(let words):
            guard words.contains(text) else {
                var problem = "\(Self.quoted(text)) is not one of \(words.joined(separator: ", "))"
                if let nearest = EditDistance.nearest(to: text, among: words) { problem += "; did you mean '\(nearest)'?" }
                return .failure(ValueProblem(problem))
            }
            return .success(.choice(text))
        case .path:
            guard !text.isEmpty else { return .failure(ValueProblem("the path is empty; expected a file path")) }
            return .success(.path(text))
        case .text:
            return .success(.text(text))
        }
    }

    private static func quoted(_ text: String) -> String {
        text.isEmpty ? "the empty string" : "'\(text)'"
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        switch (range.lowerBound, range.upperBound) {
        case (Int.min, Int.max): return "an integer"
        case (let low, Int.max): return "an integer >= \(low)"
        case (Int.min, let high): return "an integer <= \(high)"
        case (let low, let high): return "an integer from \(low) to \(high)"
        }
    }
}

/// Why a value was refused: one clause naming the value and what is accepted.
struct ValueProblem: Error, Sendable {
    var explanation: String
    init(_ explanation: String) { self.explanation = explanation }
}
