/// The free list of a `SlotTable`'s slots: a released slot is handed out
/// again before the table grows. Shared by the worker's connection tables
/// and the simulator's entity tables.
public struct SlotAllocator: Sendable {
    @usableFromInline var free: [Int32] = []
    @usableFromInline var handedOut: Int32 = 0
    /// Slots ever handed out: the table's size.
    @inlinable public var highWater: Int32 { handedOut }

    @inlinable public init() {}

    /// A slot to use: a released one (`isNew` false: overwrite its record),
    /// or the next new one (`isNew` true: append a record).
    @inlinable
    public mutating func allocate() -> (index: Int32, isNew: Bool) {
        if let i = free.popLast() { return (i, false) }
        handedOut += 1
        return (handedOut - 1, true)
    }

    @inlinable
    public mutating func release(_ index: Int32) { free.append(index) }

    /// Slots in use.
    @inlinable public var liveCount: Int { Int(highWater) - free.count }
}
