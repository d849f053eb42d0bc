/// A min-priority queue of scheduled events, ordered by `(time, order)`.
///
/// A 4-ary implicit heap in one contiguous array. Four children per node
/// halve the depth of a binary heap, and the four children sit in one or two
/// cache lines, so a pop touches fewer lines; pushes in a discrete-event
/// simulation land near the bottom and rarely climb. `order` is unique per
/// entry (the kernel's sequence number with the phase in its top bit), so the
/// order is total and the pop sequence is fully determined by the pushes —
/// no tie is ever left to chance.
///
/// Complexity: `push` O(log₄ n), `popMin` O(4·log₄ n), `min` O(1).
/// Hot paths are `@inlinable` so that the queue is specialised for the
/// payload type in the module that uses it (see swift-linux-notes.md:
/// a non-inlinable heap in another module is ~12x slower).
public struct EventQueue<Payload> {
    /// One scheduled event.
    public struct Entry {
        /// When the event happens, in nanoseconds of virtual time.
        public var time: Int64
        /// Tie-breaker among equal times: lower first. Unique per entry.
        public var order: UInt64
        public var payload: Payload

        @inlinable
        public init(time: Int64, order: UInt64, payload: Payload) {
            self.time = time; self.order = order; self.payload = payload
        }

        /// The sort key: `time` then `order` as one 128-bit number. Times
        /// are never negative (the clock starts at zero), so the unsigned
        /// view keeps their order. One wide compare compiles to
        /// branch-free code, which matters because which of four children
        /// is smallest is a coin toss the branch predictor cannot learn.
        @inlinable @inline(__always)
        public var key: UInt128 { UInt128(UInt64(bitPattern: time)) << 64 | UInt128(order) }

        /// Strict "happens before" in the queue's total order.
        @inlinable @inline(__always)
        public func precedes(_ other: Entry) -> Bool { key < other.key }
    }

    @usableFromInline
    var storage: [Entry] = []

    @inlinable
    public init() {}

    @inlinable
    public init(reservingCapacity capacity: Int) { storage.reserveCapacity(capacity) }

    @inlinable public var count: Int { storage.count }
    @inlinable public var isEmpty: Bool { storage.isEmpty }
    /// The next entry to be popped, if any. O(1).
    @inlinable public var min: Entry? { storage.first }

    /// Adds an entry. O(log₄ n).
    @inlinable
    public mutating func push(_ entry: Entry) {
        storage.append(entry)
        storage.withUnsafeMutableBufferPointer { heap in
            // Sift up with a hole: move parents down, write the entry once.
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) >> 2
                guard entry.precedes(heap[parent]) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = entry
        }
    }

    /// Removes and returns the earliest entry. O(log₄ n).
    @inlinable
    public mutating func popMin() -> Entry? {
        guard let last = storage.popLast() else { return nil }
        if storage.isEmpty { return last }
        return storage.withUnsafeMutableBufferPointer { heap -> Entry in
            let top = heap[0]
            // Bottom-up deletion (Wegener; Floyd's trick): `last` came from
            // the bottom and almost always belongs near it, so first walk the
            // hole down along the earliest children all the way to a leaf
            // without comparing against `last`, then sift `last` up from
            // there. That saves a compare and a mispredicted exit per level.
            let n = heap.count
            var hole = 0
            while true {
                let first = 4 &* hole &+ 1
                if first >= n { break }
                let best = Self.earliestChild(heap, first: first, count: n)
                heap[hole] = heap[best]
                hole = best
            }
            let lastKey = last.key
            while hole > 0 {
                let parent = (hole &- 1) >> 2
                guard lastKey < heap[parent].key else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = last
            return top
        }
    }

    /// Removes every entry for which `isDead` holds and restores the heap in
    /// O(n) (Floyd's bottom-up construction). The survivors keep their
    /// `(time, order)` keys, so the pop sequence of live entries is unchanged.
    @inlinable
    public mutating func removeAll(where isDead: (Entry) -> Bool) {
        storage.removeAll(where: isDead)
        let n = storage.count
        guard n > 1 else { return }
        storage.withUnsafeMutableBufferPointer { heap in
            var start = (n - 2) >> 2
            while start >= 0 {
                let entry = heap[start]
                var hole = start
                while true {
                    let first = 4 * hole + 1
                    if first >= n { break }
                    let best = Self.earliestChild(heap, first: first, count: n)
                    guard heap[best].precedes(entry) else { break }
                    heap[hole] = heap[best]
                    hole = best
                }
                heap[hole] = entry
                start -= 1
            }
        }
    }

    /// The index of the earliest of the (up to four) children starting at
    /// `first`. Selects with conditional moves rather than branches.
    @inlinable @inline(__always)
    static func earliestChild(_ heap: UnsafeMutableBufferPointer<Entry>, first: Int, count n: Int) -> Int {
        if first &+ 3 < n {
            // All four children exist (the common case): a tournament of
            // three compares, two of them independent.
            let k0 = heap[first].key, k1 = heap[first &+ 1].key
            let k2 = heap[first &+ 2].key, k3 = heap[first &+ 3].key
            let left = k1 < k0 ? first &+ 1 : first
            let leftKey = k1 < k0 ? k1 : k0
            let right = k3 < k2 ? first &+ 3 : first &+ 2
            let rightKey = k3 < k2 ? k3 : k2
            return rightKey < leftKey ? right : left
        }
        var best = first
        var c = first &+ 1
        while c < n {
            if heap[c].key < heap[best].key { best = c }
            c &+= 1
        }
        return best
    }

    /// Checks the heap property of every node; returns the index of the first
    /// node that precedes its parent, or nil when the heap is valid. O(n).
    /// Tests and debug checks call this (swift-collections' Heap keeps the
    /// same kind of checker behind a flag).
    public func firstInvariantViolation() -> Int? {
        var i = 1
        while i < storage.count {
            if storage[i].precedes(storage[(i - 1) >> 2]) { return i }
            i += 1
        }
        return nil
    }
}
