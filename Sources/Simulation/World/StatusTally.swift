/// Responses counted by HTTP status (0...599; 0 = connection reset by nginx,
/// anything larger counts as 599): one of the audit's conservation ledgers.
public struct StatusTally: Sendable, Equatable {
    /// Count per status code; index = status.
    public private(set) var counts = [Int64](repeating: 0, count: 600)

    public init() {}

    mutating func add(_ status: Int) { counts[min(599, max(0, status))] += 1 }

    /// Responses with this status.
    public subscript(status: Int) -> Int64 { counts[min(599, max(0, status))] }

    /// Responses with a status in `range`.
    public func total(_ range: Range<Int> = 0..<600) -> Int64 {
        counts[range.clamped(to: 0..<600)].reduce(0, +)
    }

    /// The statuses with a count, ascending.
    public var statuses: [Int] { counts.indices.filter { counts[$0] > 0 } }

    /// Successful responses as HTTP clients count them (1xx-3xx; 1xx never reaches a client here).
    public static let successes = 100..<400
}
