/// One named count of a `CounterSet`, as reported.
public struct CounterEntry: Hashable, Sendable {
    public var name: String
    public var count: UInt64

    public init(name: String, count: UInt64) {
        self.name = name
        self.count = count
    }
}
