/// A growable table of entity records (requests, connections, clients)
/// addressed by their integer ids, owned by one world.
///
/// Why not `Array`: every write through an array's subscript checks that the
/// buffer is uniquely referenced (copy-on-write), and a simulated request
/// writes its records some forty times — that check was about 6% of the
/// whole simulator's instructions. A table cannot be copied (`~Copyable`),
/// so it needs no such check: a write is a bounds check and a store.
///
/// The world's per-worker, per-backend and per-(worker, upstream) tables
/// are entity tables too, for the same reason, and so is the kernel's
/// timer table.
///
/// `append` is amortised O(1); subscripting O(1). Records are never removed:
/// the world reuses slots (`SlotAllocator`).
@usableFromInline
struct EntityTable<Element: ~Copyable>: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<Element>
    @usableFromInline var capacity: Int
    /// Records in the table; ids run from 0 to `count - 1`.
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

    /// Adds a record at id `count`.
    @inlinable
    mutating func append(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
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
    subscript(id: Int) -> Element {
        unsafeAddress {
            precondition(id >= 0 && id < count, "EntityTable: id \(id) out of 0..<\(count)")
            return UnsafePointer(base + id)
        }
        unsafeMutableAddress {
            precondition(id >= 0 && id < count, "EntityTable: id \(id) out of 0..<\(count)")
            return base + id
        }
    }
}

extension EntityTable where Element: Copyable {
    /// A table holding `elements`, in order.
    init(_ elements: some Sequence<Element>) {
        self.init()
        for element in elements { append(element) }
    }

    /// A copy of the records in id order (for snapshots and reports). O(count).
    var elements: [Element] { (0..<count).map { base[$0] } }

    /// How many records satisfy `predicate`. O(count).
    func count(where predicate: (Element) -> Bool) -> Int {
        var n = 0
        for id in 0..<count where predicate(base[id]) { n += 1 }
        return n
    }
}
