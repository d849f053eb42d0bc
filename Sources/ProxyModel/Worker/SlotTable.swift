/// A growable table of records addressed by their slot number, owned by one
/// `NginxWorker`. Not an `Array`: every write through an array's subscript
/// checks that its buffer is uniquely referenced (copy-on-write), and a
/// proxied request writes the worker's records a dozen times. A table
/// cannot be copied (`~Copyable`), so it needs no such check: a write is a
/// bounds check and a store. (The simulator's `EntityTable` is the same idea
/// for its own entities.)
///
/// `append` is amortised O(1); subscripting O(1). Records are never removed:
/// the worker reuses slots through its free lists.
@usableFromInline
struct SlotTable<Element>: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var capacity: Int
    /// Records in the table; slots run from 0 to `count - 1`.
    @usableFromInline var count = 0

    @inlinable
    init() {
        capacity = 16
        base = .allocate(capacity: capacity)
    }

    @inlinable
    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inlinable var indices: Range<Int> { 0..<count }

    /// Adds a record at slot `count`.
    @inlinable
    mutating func append(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Empties the table, keeping its capacity.
    @inlinable
    mutating func removeAll() {
        base.deinitialize(count: count)
        count = 0
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
    subscript(slot: Int) -> Element {
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
