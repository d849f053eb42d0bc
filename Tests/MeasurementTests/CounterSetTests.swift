import Randomness
import Measurement
import Testing

private enum CloseReason: Int, CaseIterable, CustomStringConvertible {
    case idleTimeout, keepaliveRequests, backendClose

    var description: String {
        switch self {
        case .idleTimeout: return "idle timeout"
        case .keepaliveRequests: return "keepalive_requests"
        case .backendClose: return "backend close"
        }
    }
}

private enum Misnumbered: Int, CaseIterable {
    case first = 1, second = 2
}

@Test func entriesKeepTheOrderNamesWereFirstSeenWhateverTheirHashes() {
    var generator = SplitMix64(seed: 99)
    let names = (0..<200).map { index in "counter-\(generator.next() % 1_000_000)-\(index)" }
    var counters = CounterSet()
    for name in names.reversed() { counters.increment(named: name) }
    for name in names { counters.increment(named: name, by: 2) }
    #expect(counters.names == names.reversed())
    #expect(counters.entries.map(\.name) == names.reversed())
    #expect(counters.entries.allSatisfy { $0.count == 3 })
    #expect(counters.total == 600)
}

@Test func enumKeyedCountersUseRawValuesAsSlotsAndDescriptionsAsNames() throws {
    var counters = try CounterSet(keys: CloseReason.self)
    counters.increment(CloseReason.backendClose)
    counters.increment(CloseReason.idleTimeout, by: 4)
    #expect(counters.entries == [
        CounterEntry(name: "idle timeout", count: 4),
        CounterEntry(name: "keepalive_requests", count: 0),
        CounterEntry(name: "backend close", count: 1),
    ])
    #expect(counters[CloseReason.idleTimeout] == 4)
    #expect(counters[2] == 1)
    #expect(counters.count(named: "backend close") == 1)
    #expect(counters.count(named: "never declared") == 0)
}

@Test func keysWhoseRawValuesDoNotStartAtZeroAreATypedError() {
    #expect(throws: CounterSetError.keysNotNumberedFromZero(keyType: "Misnumbered", position: 0, rawValue: 1)) {
        try CounterSet(keys: Misnumbered.self)
    }
}

@Test func duplicateNamesAreATypedError() {
    #expect(throws: CounterSetError.duplicateName("502")) {
        try CounterSet(names: ["200", "502", "502"])
    }
}

@Test func mergingAddsByNameAndAppendsNewNamesInTheOtherSetsOrder() throws {
    var first = try CounterSet(names: ["200", "502"])
    first.increment(slot: 0, by: 10)
    first.increment(slot: 1)
    var second = try CounterSet(names: ["504", "200", "499"])
    second.increment(named: "504", by: 2)
    second.increment(named: "200", by: 5)
    first.merge(second)
    #expect(first.entries == [
        CounterEntry(name: "200", count: 15), CounterEntry(name: "502", count: 1),
        CounterEntry(name: "504", count: 2), CounterEntry(name: "499", count: 0),
    ])
}

@Test func mergingSetsWithTheSameNamesAddsSlotBySlot() throws {
    var first = try CounterSet(keys: CloseReason.self), second = try CounterSet(keys: CloseReason.self)
    var sequential = try CounterSet(keys: CloseReason.self)
    for (index, reason) in [CloseReason.idleTimeout, .backendClose, .backendClose, .keepaliveRequests].enumerated() {
        if index % 2 == 0 { first.increment(reason) } else { second.increment(reason) }
        sequential.increment(reason)
    }
    first.merge(second)
    #expect(first == sequential)
}

@Test func resetZeroesCountsAndKeepsNamesInOrder() throws {
    var counters = try CounterSet(names: ["b", "a"])
    counters.increment(named: "a", by: 3)
    counters.reset()
    #expect(counters.names == ["b", "a"])
    #expect(counters.total == 0)
    #expect(counters == (try CounterSet(names: ["b", "a"])))
}
