/// Named event counts ("closes by reason", "responses by status") that
/// report in a fixed, deterministic order: the order names were declared or
/// first seen, never `Dictionary` order (see ../shared/DESIGN.md, principle 3).
///
/// Hot paths count by slot, an integer (typically an enum's raw value), which
/// is one array increment; names are only touched when declaring counters
/// and when reporting. A slot outside `0..<slotCount` is a programming error
/// and traps like any array index.
public struct CounterSet: Equatable, Sendable {
    /// The counter names in report order; slot `i` is named `names[i]`.
    public private(set) var names: [String] = []
    @usableFromInline internal var counts: [UInt64] = []
    /// Name to slot, for look-ups only: never iterated.
    private var slotsByName: [String: Int] = [:]

    /// No counters yet; add them with `slot(named:)` or `increment(named:)`.
    public init() {}

    /// Counters with these names, in this order, all zero.
    public init(names: [String]) throws(CounterSetError) {
        for name in names {
            guard slotsByName[name] == nil else { throw .duplicateName(name) }
            _ = slot(named: name)
        }
    }

    /// One counter per case of `Key`, in `allCases` order, named
    /// `String(describing: case)`; count them with `increment(_ key:)`.
    /// `Key`'s raw values must be 0, 1, 2... in `allCases` order.
    public init<Key>(keys: Key.Type) throws(CounterSetError)
    where Key: CaseIterable & RawRepresentable, Key.RawValue == Int {
        for (position, key) in Key.allCases.enumerated() {
            guard key.rawValue == position else {
                throw .keysNotNumberedFromZero(
                    keyType: String(describing: Key.self), position: position, rawValue: key.rawValue)
            }
            let name = String(describing: key)
            guard slotsByName[name] == nil else { throw .duplicateName(name) }
            _ = slot(named: name)
        }
    }

    /// Number of counters.
    public var slotCount: Int { counts.count }

    /// Adds `amount` to the counter in `slot`.
    @inlinable
    public mutating func increment(slot: Int, by amount: UInt64 = 1) {
        counts[slot] &+= amount
    }

    /// Adds `amount` to the counter of `key` (slot = raw value); for sets
    /// built with `init(keys:)`.
    @inlinable
    public mutating func increment<Key: RawRepresentable>(_ key: Key, by amount: UInt64 = 1)
    where Key.RawValue == Int {
        counts[key.rawValue] &+= amount
    }

    /// The slot of `name`, appending a zero counter at the end if it is new.
    /// Look slots up once, outside hot loops.
    public mutating func slot(named name: String) -> Int {
        if let slot = slotsByName[name] { return slot }
        let slot = names.count
        names.append(name)
        counts.append(0)
        slotsByName[name] = slot
        return slot
    }

    /// Adds `amount` to the counter `name`, creating it at the end if new.
    /// Hashes the name: for report-time or rare events only.
    public mutating func increment(named name: String, by amount: UInt64 = 1) {
        increment(slot: slot(named: name), by: amount)
    }

    /// The count in `slot`.
    public subscript(slot: Int) -> UInt64 { counts[slot] }

    /// The count of `key` (slot = raw value).
    public subscript<Key: RawRepresentable>(key: Key) -> UInt64 where Key.RawValue == Int {
        counts[key.rawValue]
    }

    /// The count of `name`; 0 for a name never declared.
    public func count(named name: String) -> UInt64 {
        slotsByName[name].map { counts[$0] } ?? 0
    }

    /// Every counter with its name, in slot order (zeros included).
    public var entries: [CounterEntry] {
        zip(names, counts).map { CounterEntry(name: $0, count: $1) }
    }

    /// Sum of all counters.
    public var total: UInt64 { counts.reduce(0, &+) }

    /// Adds `other`'s counts by name. Names this set lacks are appended in
    /// `other`'s order, so merging sets in a fixed order gives a fixed result.
    public mutating func merge(_ other: CounterSet) {
        if other.names == names {
            for slot in counts.indices { counts[slot] &+= other.counts[slot] }
            return
        }
        for (name, count) in zip(other.names, other.counts) {
            increment(named: name, by: count)
        }
    }

    /// Sets every counter to zero; keeps the names and their order.
    public mutating func reset() {
        for slot in counts.indices { counts[slot] = 0 }
    }

    /// Same names in the same order with the same counts.
    public static func == (lhs: CounterSet, rhs: CounterSet) -> Bool {
        lhs.names == rhs.names && lhs.counts == rhs.counts
    }
}
