/// A growable table of records addressed by their slot number (an entity
/// id), owned by one value: an `NginxWorker`'s connections, the simulator's
/// requests, connections and timers.
///
/// Why not `Array`: every write through an array's subscript checks that the
/// buffer is uniquely referenced (copy-on-write), and a simulated request
/// writes its records some forty times — that check was about 6% of the
/// whole simulator's instructions. A table cannot be copied (`~Copyable`),
/// so it needs no such check: a write is a bounds check and a store.
///
/// `append` is amortised O(1); subscripting O(1). Records are never removed
/// one by one: owners reuse slots through free lists.
public struct SlotTable<Element: ~Copyable>: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var capacity: Int
    @usableFromInline var stored = 0
    /// Records in the table; slots run from 0 to `count - 1`.
    @inlinable public var count: Int { stored }

    @inlinable
    public init() {
        capacity = 16
        base = .allocate(capacity: capacity)
    }

    @inlinable
    deinit {
        base.deinitialize(count: stored)
        base.deallocate()
    }

    @inlinable public var indices: Range<Int> { 0..<count }

    /// Adds a record at slot `count`.
    @inlinable
    public mutating func append(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + stored).initialize(to: element)
        stored += 1
    }

    /// Empties the table, keeping its capacity.
    @inlinable
    public mutating func removeAll() {
        base.deinitialize(count: stored)
        stored = 0
    }

    @inlinable @inline(never)
    mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    @inlinable
    public subscript(slot: Int) -> Element {
        unsafeAddress {
            precondition(slot >= 0 && slot < count, "SlotTable: slot \(slot) out of 0..<\(count)")
            return UnsafePointer(base + slot)
        }
        unsafeMutableAddress {
            precondition(slot >= 0 && slot < count, "SlotTable: slot \(slot) out of 0..<\(count)")
            return base + slot
        }
    }
}

extension SlotTable where Element: Copyable {
    /// A table holding `elements`, in order.
    public init(_ elements: some Sequence<Element>) {
        self.init()
        for element in elements { append(element) }
    }

    /// A copy of the records in slot order (for snapshots and reports). O(count).
    public var elements: [Element] { (0..<count).map { base[$0] } }

    /// How many records satisfy `predicate`. O(count).
    public func count(where predicate: (Element) -> Bool) -> Int {
        var n = 0
        for slot in 0..<count where predicate(base[slot]) { n += 1 }
        return n
    }
}
