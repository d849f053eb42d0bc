/// A lesson's claim about its before and after runs, as the lesson file
/// writes it: `after.upstream_connections_opened < before.upstream_connections_opened / 10`.
///
/// Grammar: `sum COMPARISON sum`, where COMPARISON is `<`, `<=`, `>`, `>=`
/// or `==`; a sum is products joined by `+` and `-`; a product is factors
/// joined by `*` and `/`; a factor is a number, `before.METRIC`,
/// `after.METRIC` (any metric of the CSV report) or a parenthesised sum.
public struct LessonClaim: Equatable, Sendable, CustomStringConvertible {
    public enum Side: String, Sendable, CaseIterable { case before, after }

    indirect enum Expression: Equatable, Sendable {
        case number(Double)
        case metric(Side, String)
        case binary(Character, Expression, Expression)
    }

    public let text: String
    let left: Expression
    let comparison: String
    let right: Expression

    public var description: String { text }

    /// What a claim says about two runs: holds or not with both sides' values, or a metric that was not measured.
    public enum Outcome: Equatable, Sendable {
        case holds(left: Double, right: Double)
        case fails(left: Double, right: Double)
        case notMeasured(String)
    }

    public init(parsing text: String) throws(ExperimentError) {
        var parser = Parser(text: text)
        let left = try parser.sum()
        guard let comparison = parser.comparison() else {
            throw ExperimentError("'\(text)': expected a comparison (<, <=, >, >=, ==) after '\(parser.consumed)'")
        }
        let right = try parser.sum()
        guard parser.atEnd else { throw ExperimentError("'\(text)': unexpected '\(parser.rest)' at the end") }
        self.text = text; self.left = left; self.comparison = comparison; self.right = right
    }

    /// The metrics the claim reads, `before.NAME` and `after.NAME`, in the order written.
    public var metrics: [(side: Side, name: String)] { Self.metrics(in: left) + Self.metrics(in: right) }

    private static func metrics(in expression: Expression) -> [(side: Side, name: String)] {
        switch expression {
        case .number: return []
        case .metric(let side, let name): return [(side, name)]
        case .binary(_, let a, let b): return metrics(in: a) + metrics(in: b)
        }
    }

    /// Evaluates the claim with each side's metrics (nil: not measured).
    public func evaluate(_ value: (Side, String) -> Double?) -> Outcome {
        func evaluate(_ expression: Expression) -> Result<Double, MissingMetric> {
            switch expression {
            case .number(let number): return .success(number)
            case .metric(let side, let name):
                guard let number = value(side, name) else { return .failure(MissingMetric(name: "\(side).\(name)")) }
                return .success(number)
            case .binary(let operation, let a, let b):
                return evaluate(a).flatMap { x in
                    evaluate(b).map { y in
                        switch operation {
                        case "+": return x + y
                        case "-": return x - y
                        case "*": return x * y
                        default: return x / y
                        }
                    }
                }
            }
        }
        switch (evaluate(left), evaluate(right)) {
        case (.failure(let missing), _), (_, .failure(let missing)): return .notMeasured(missing.name)
        case (.success(let x), .success(let y)):
            let holds: Bool
            switch comparison {
            case "<": holds = x < y
            case "<=": holds = x <= y
            case ">": holds = x > y
            case ">=": holds = x >= y
            default: holds = x == y
            }
            return holds ? .holds(left: x, right: y) : .fails(left: x, right: y)
        }
    }

    private struct MissingMetric: Error { var name: String }

    /// A recursive-descent reader of the grammar above, over the claim's characters.
    private struct Parser {
        let characters: [Character]
        var index = 0
        let text: String

        init(text: String) { self.text = text; characters = Array(text) }

        var atEnd: Bool { mutating get { skipSpaces(); return index >= characters.count } }
        var consumed: String { String(characters[..<min(index, characters.count)]).trimmingSpaces }
        var rest: String { String(characters[min(index, characters.count)...]) }

        mutating func skipSpaces() { while index < characters.count, characters[index] == " " { index += 1 } }

        mutating func take(_ options: [Character]) -> Character? {
            skipSpaces()
            guard index < characters.count, options.contains(characters[index]) else { return nil }
            index += 1
            return characters[index - 1]
        }

        mutating func comparison() -> String? {
            skipSpaces()
            for operation in ["<=", ">=", "==", "<", ">"] where rest.hasPrefix(operation) {
                index += operation.count
                return operation
            }
            return nil
        }

        mutating func sum() throws(ExperimentError) -> Expression {
            var expression = try product()
            while let operation = take(["+", "-"]) { expression = .binary(operation, expression, try product()) }
            return expression
        }

        mutating func product() throws(ExperimentError) -> Expression {
            var expression = try factor()
            while let operation = take(["*", "/"]) { expression = .binary(operation, expression, try factor()) }
            return expression
        }

        mutating func factor() throws(ExperimentError) -> Expression {
            if take(["("]) != nil {
                let inner = try sum()
                guard take([")"]) != nil else { throw ExperimentError("'\(text)': a '(' is not closed") }
                return inner
            }
            skipSpaces()
            let start = index
            while index < characters.count, characters[index].isLetter || characters[index].isNumber || "._".contains(characters[index]) {
                index += 1
            }
            let word = String(characters[start..<index])
            if let number = Double(word), number.isFinite { return .number(number) }
            let parts = word.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, let side = Side(rawValue: parts[0]), !parts[1].isEmpty else {
                let found = word.isEmpty ? (index < characters.count ? "'\(characters[index])'" : "the end") : "'\(word)'"
                throw ExperimentError("'\(text)': expected a number, before.METRIC or after.METRIC, found \(found)")
            }
            return .metric(side, parts[1])
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
