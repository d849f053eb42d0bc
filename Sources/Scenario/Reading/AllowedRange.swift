/// The values a numeric or duration field accepts, written as a Swift range:
/// `0...`, `1...1024`, `...100`, `TimeSpan.milliseconds(1)...`.
/// Readers turn a value outside it into "must be >= 0 (got -3)",
/// "must be <= 100 (got 120)" or "must be between 1 and 1024 (got 0)".
public protocol AllowedRange<Bound> {
    associatedtype Bound: Comparable
    var lowestAllowed: Bound? { get }
    var highestAllowed: Bound? { get }
}

/// Any value: the default of the readers' `in:` parameters.
public struct Unbounded<Bound: Comparable>: AllowedRange {
    public init() {}
    public var lowestAllowed: Bound? { nil }
    public var highestAllowed: Bound? { nil }
}

extension ClosedRange: AllowedRange {
    public var lowestAllowed: Bound? { lowerBound }
    public var highestAllowed: Bound? { upperBound }
}

extension PartialRangeFrom: AllowedRange {
    public var lowestAllowed: Bound? { lowerBound }
    public var highestAllowed: Bound? { nil }
}

extension PartialRangeThrough: AllowedRange {
    public var lowestAllowed: Bound? { nil }
    public var highestAllowed: Bound? { upperBound }
}

extension AllowedRange {
    func contains(_ value: Bound) -> Bool {
        if let lowestAllowed, value < lowestAllowed { return false }
        if let highestAllowed, value > highestAllowed { return false }
        return true
    }

    /// What a reader returns after refusing a value, so reading can continue.
    func placeholder(otherwise fallback: Bound) -> Bound { lowestAllowed ?? highestAllowed ?? fallback }

    /// "must be >= 0", "must be <= 10", "must be between 1 and 10".
    func requirement(_ show: (Bound) -> String) -> String {
        switch (lowestAllowed, highestAllowed) {
        case let (low?, high?): "must be between \(show(low)) and \(show(high))"
        case let (low?, nil): "must be >= \(show(low))"
        case let (nil, high?): "must be <= \(show(high))"
        case (nil, nil): "must be a value"
        }
    }

    /// For element counts: "at least 1", "at most 4", "between 1 and 4".
    func countRequirement(_ singular: String, _ plural: String) -> String where Bound == Int {
        func noun(_ count: Int) -> String { count == 1 ? singular : plural }
        switch (lowestAllowed, highestAllowed) {
        case let (low?, high?): return "must have between \(low) and \(high) \(noun(high))"
        case let (low?, nil): return "must have at least \(low) \(noun(low))"
        case let (nil, high?): return "must have at most \(high) \(noun(high))"
        case (nil, nil): return "may have any number of \(plural)"
        }
    }
}
