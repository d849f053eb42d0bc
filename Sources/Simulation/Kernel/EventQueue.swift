/// The kernel's priority queue: scheduled events ordered by
/// `(time, phase, sequence)`, where `sequence` is the order of the pushes.
///
/// The queue numbers the pushes itself, so events with the same time and
/// phase come out first-in first-out, and the order is total: the pop
/// sequence is fully determined by the pushes, no tie is ever left to chance.
///
/// ## Layout
///
/// A 4-ary implicit min-heap of 16-byte keys, with the payloads beside it in
/// a slab of slots:
///
///     key (UInt128) = time (64 bits, sign bit flipped) | order (64 bits)
///     order         = phase (1 bit) | sequence (32 bits) | payload slot (31 bits)
///
/// - One wide unsigned compare of two keys compares `(time, phase, sequence)`
///   (flipping the time's sign bit keeps negative times in order), and
///   compiles to branch-free code — which matters, because which of four
///   children is earliest is a coin toss the branch predictor cannot learn.
///   The slot bits never decide anything: sequences are unique.
/// - The heap keeps only keys: four siblings are 64 bytes. The root sits at
///   element 3 of a 64-byte-aligned allocation, so the children of node `i`
///   (elements `4i+4 ..< 4i+8` of the allocation) fill exactly one cache
///   line: a level of a sift-down loads one line. (With 32-byte entries
///   holding their payload, a level loaded two lines, and the heap was twice
///   the size, so fewer levels stayed in L1.)
/// - Payloads stay put in their slot from push to pop. A push right after a
///   pop reuses the popped entry's slot, still in cache; other freed slots
///   go on a stack and are reused last-in first-out.
///
/// ## Deferred pop (replace-top)
///
/// A simulation pops an event and its handler usually pushes one soon after.
/// `popMin` therefore only marks the root *vacant* and returns a copy of its
/// entry; it writes nothing to the storage (so it needs no copy-on-write
/// check) and costs O(1). A `push` that finds the root vacant puts its
/// payload in the popped entry's slot and sinks its key from the root — one
/// pass — instead of a pop (sift down) plus a push (sift up). Any other
/// operation first removes the vacant root the ordinary way. This is
/// invisible to callers: `count`, `min`, `isEmpty` and the pop order account
/// for it.
///
/// ## Sequence numbers
///
/// Sequences are 32 bits. When they run out (after 2³² pushes), the queued
/// keys are renumbered 0, 1, 2, ... in their existing order, which preserves
/// every comparison (so the heap stays valid and the pop order is unchanged)
/// and frees at least 2³¹ numbers, as at most 2³¹ entries fit the slot bits.
///
/// ## Complexity
///
/// `push` O(log₄ n) (one sift-down if the root is vacant, otherwise a sift-up
/// that rarely climbs: events are pushed for the future, near the bottom),
/// `popMin` amortised O(log₄ n), `min` O(1), `count` O(1),
/// `removeAll(where:)` O(n), renumbering O(n log n) once per 2³¹+ pushes.
/// Memory: 16 bytes per key plus one payload and 4 bytes per slot.
///
/// Hot paths are `@inlinable` so that the queue is specialised for the
/// payload type in the module that uses it (swift-linux-notes.md: a
/// non-inlinable heap in another module is ~12x slower). It is a value type:
/// a copy shares storage until one side mutates it (copy-on-write).
public struct EventQueue<Payload> {
    /// One popped (or peeked) event.
    public struct Entry {
        /// When the event happens, in nanoseconds of virtual time.
        public var time: Int64
        public var phase: EventPhase
        public var payload: Payload

        @inlinable
        public init(time: Int64, phase: EventPhase, payload: Payload) {
            self.time = time; self.phase = phase; self.payload = payload
        }
    }

    @usableFromInline var storage: EventQueueStorage<Payload>
    /// Keys in the heap, including a vacant root.
    @usableFromInline var heapCount = 0
    /// The root's key belongs to an already popped entry (see "Deferred pop").
    @usableFromInline var rootIsVacant = false
    /// Slots on the free-slot stack.
    @usableFromInline var freeCount = 0
    @usableFromInline var nextSequence: UInt64 = 0
    /// Renumbering happens when `nextSequence` reaches this.
    @usableFromInline let sequenceLimit: UInt64

    /// An empty queue.
    @inlinable
    public init() { self.init(capacity: 16, sequenceLimit: EventQueueKey.sequenceCount) }

    /// An empty queue with room for `capacity` entries before it grows.
    @inlinable
    public init(reservingCapacity capacity: Int) {
        self.init(capacity: capacity, sequenceLimit: EventQueueKey.sequenceCount)
    }

    /// An empty queue that renumbers its sequences after `sequenceLimit`
    /// pushes instead of 2³², so tests can check that renumbering keeps the
    /// order. It must exceed the number of entries ever queued at once.
    @inlinable
    public init(renumberingAfter sequenceLimit: UInt64) {
        precondition(sequenceLimit >= 2 && sequenceLimit <= EventQueueKey.sequenceCount,
                     "sequenceLimit must be in 2...2^32 (got \(sequenceLimit))")
        self.init(capacity: 16, sequenceLimit: sequenceLimit)
    }

    @inlinable
    init(capacity: Int, sequenceLimit: UInt64) {
        storage = EventQueueStorage(capacity: Swift.max(4, capacity))
        self.sequenceLimit = sequenceLimit
    }

    /// Entries queued. O(1).
    @inlinable public var count: Int { rootIsVacant ? heapCount &- 1 : heapCount }
    @inlinable public var isEmpty: Bool { count == 0 }

    /// The next entry `popMin` would return, if any. O(1).
    @inlinable
    public var min: Entry? {
        let heap = storage.heap
        if !rootIsVacant { return heapCount == 0 ? nil : entry(heap[0]) }
        // The earliest child of the vacant root is what a pop would bring up.
        if heapCount == 1 { return nil }
        let (_, key) = Self.earliestChild(heap, first: 1, count: heapCount)
        return entry(key)
    }

    // MARK: Push

    /// Adds `payload` at `time` in `phase`; among entries with the same time
    /// and phase it comes out after those pushed before it. O(log₄ n).
    @inlinable
    public mutating func push(_ payload: Payload, at time: Int64, phase: EventPhase = .network) {
        makeUnique()
        if nextSequence == sequenceLimit { renumberSequences() }
        if rootIsVacant {
            // Replace-top: the popped entry's slot takes the payload and the
            // new key sinks from the root in one pass.
            rootIsVacant = false
            let heap = storage.heap
            let slot = EventQueueKey.slot(of: heap[0])
            storage.payloads[slot] = payload
            Self.sink(nextKey(time: time, phase: phase, slot: slot), in: heap, count: heapCount)
            return
        }
        let key = nextKey(time: time, phase: phase, slot: storeInFreeSlot(payload))
        let heap = storage.heap  // after storeInFreeSlot, which may have moved the storage
        // Sift up with a hole: move parents down, write the key once.
        var child = heapCount
        heapCount &+= 1
        while child > 0 {
            let parent = (child &- 1) >> 2
            let parentKey = heap[parent]
            guard key < parentKey else { break }
            heap[child] = parentKey
            child = parent
        }
        heap[child] = key
    }

    /// The key for the next push, which takes the next sequence number.
    @inlinable @inline(__always)
    mutating func nextKey(time: Int64, phase: EventPhase, slot: Int) -> UInt128 {
        let key = EventQueueKey.make(time: time, phase: phase, sequence: nextSequence, slot: UInt64(truncatingIfNeeded: slot))
        nextSequence &+= 1
        return key
    }

    /// Puts `payload` in a slot, reusing the most recently freed one; grows
    /// the storage when every slot is taken.
    @inlinable @inline(__always)
    mutating func storeInFreeSlot(_ payload: Payload) -> Int {
        if freeCount > 0 {
            freeCount &-= 1
            let slot = Int(storage.freeSlots[freeCount])
            storage.payloads[slot] = payload
            return slot
        }
        return storeInNewSlot(payload)
    }

    @inlinable @inline(never)
    mutating func storeInNewSlot(_ payload: Payload) -> Int {
        if storage.initializedPayloads == storage.capacity {
            precondition(storage.capacity < EventQueueKey.slotCount, "EventQueue: more than 2^31 entries")
            storage = storage.copy(capacity: Swift.min(storage.capacity * 2, EventQueueKey.slotCount),
                                   heapCount: heapCount, freeCount: freeCount)
        }
        let slot = storage.initializedPayloads
        (storage.payloads + slot).initialize(to: payload)
        storage.initializedPayloads = slot + 1
        return slot
    }

    // MARK: Pop

    /// Removes and returns the earliest entry. Amortised O(log₄ n).
    @inlinable
    public mutating func popMin() -> Entry? { popMin(notAfter: .max) }

    /// Removes and returns the earliest entry if its time is `limit` or
    /// earlier; otherwise (or when empty) returns nil and leaves the queue
    /// as it was. One call instead of `min` then `popMin`.
    @inlinable
    public mutating func popMin(notAfter limit: Int64) -> Entry? {
        if rootIsVacant {
            makeUnique()
            removeVacantRoot()
        }
        if heapCount == 0 { return nil }
        let key = storage.heap[0]
        if EventQueueKey.time(of: key) > limit { return nil }
        // Only the flag changes: the storage is not written, so a popMin
        // needs no copy-on-write check (see "Deferred pop").
        rootIsVacant = true
        return entry(key)
    }

    /// Completes a deferred pop: frees the root's slot, then the last key
    /// fills the root and sinks.
    @inlinable
    mutating func removeVacantRoot() {
        rootIsVacant = false
        let heap = storage.heap
        storage.freeSlots[freeCount] = UInt32(truncatingIfNeeded: EventQueueKey.slot(of: heap[0]))
        freeCount &+= 1
        heapCount &-= 1
        if heapCount == 0 { return }
        Self.sink(heap[heapCount], in: heap, count: heapCount)
    }

    /// Writes `key` into the root's place of a heap of `n` keys whose root
    /// is a hole, and restores the heap property.
    ///
    /// Bottom-up (Wegener; Floyd's trick): a pushed or last key almost
    /// always belongs near the bottom, so walk the hole down along the
    /// earliest children to a leaf without comparing against `key`, then
    /// sift `key` up from there. That saves a compare and a mispredicted
    /// exit per level.
    @inlinable @inline(__always)
    static func sink(_ key: UInt128, in heap: UnsafeMutablePointer<UInt128>, count n: Int) {
        var hole = 0
        while true {
            let first = 4 &* hole &+ 1
            if first >= n { break }
            let (best, bestKey) = earliestChild(heap, first: first, count: n)
            heap[hole] = bestKey
            hole = best
        }
        while hole > 0 {
            let parent = (hole &- 1) >> 2
            let parentKey = heap[parent]
            guard key < parentKey else { break }
            heap[hole] = parentKey
            hole = parent
        }
        heap[hole] = key
    }

    /// The index and key of the earliest of the (up to four) children
    /// starting at `first`. Selects with conditional moves, not branches.
    @inlinable @inline(__always)
    static func earliestChild(_ heap: UnsafeMutablePointer<UInt128>, first: Int, count n: Int) -> (Int, UInt128) {
        if first &+ 3 < n {
            // All four children exist (the common case): a tournament of
            // three compares, two of them independent.
            let k0 = heap[first], k1 = heap[first &+ 1]
            let k2 = heap[first &+ 2], k3 = heap[first &+ 3]
            let left = k1 < k0 ? first &+ 1 : first
            let leftKey = k1 < k0 ? k1 : k0
            let right = k3 < k2 ? first &+ 3 : first &+ 2
            let rightKey = k3 < k2 ? k3 : k2
            return rightKey < leftKey ? (right, rightKey) : (left, leftKey)
        }
        var best = first, bestKey = heap[first]
        var c = first &+ 1
        while c < n {
            if heap[c] < bestKey { best = c; bestKey = heap[c] }
            c &+= 1
        }
        return (best, bestKey)
    }

    // MARK: Bulk removal

    /// Removes every entry for which `isDead` holds and restores the heap in
    /// O(n) (Floyd's bottom-up construction). The survivors keep their keys,
    /// so the pop sequence of the live entries is unchanged.
    @inlinable
    public mutating func removeAll(where isDead: (Entry) -> Bool) {
        makeUnique()
        if rootIsVacant { removeVacantRoot() }
        let heap = storage.heap
        var kept = 0
        for i in 0..<heapCount {
            let key = heap[i]
            if isDead(entry(key)) {
                storage.freeSlots[freeCount] = UInt32(truncatingIfNeeded: EventQueueKey.slot(of: key))
                freeCount &+= 1
            } else {
                heap[kept] = key
                kept &+= 1
            }
        }
        heapCount = kept
        guard kept > 1 else { return }
        var start = (kept &- 2) >> 2
        while start >= 0 {
            let key = heap[start]
            var hole = start
            while true {
                let first = 4 &* hole &+ 1
                if first >= kept { break }
                let (best, bestKey) = Self.earliestChild(heap, first: first, count: kept)
                guard bestKey < key else { break }
                heap[hole] = bestKey
                hole = best
            }
            heap[hole] = key
            start &-= 1
        }
    }

    // MARK: Housekeeping

    @inlinable @inline(__always)
    func entry(_ key: UInt128) -> Entry {
        Entry(time: EventQueueKey.time(of: key), phase: EventQueueKey.phase(of: key),
              payload: storage.payloads[EventQueueKey.slot(of: key)])
    }

    /// Copy-on-write: gives this value its own storage before a mutation.
    @inlinable @inline(__always)
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy(capacity: storage.capacity, heapCount: heapCount, freeCount: freeCount)
        }
    }

    /// Renumbers the queued keys' sequences 0, 1, 2, ... in their current
    /// order (see "Sequence numbers"). Every pairwise comparison keeps its
    /// result, so the heap stays valid as it is.
    @usableFromInline
    mutating func renumberSequences() {
        if rootIsVacant { removeVacantRoot() }
        let heap = storage.heap
        let byAge = (0..<heapCount).sorted { EventQueueKey.sequence(of: heap[$0]) < EventQueueKey.sequence(of: heap[$1]) }
        for (rank, index) in byAge.enumerated() {
            heap[index] = EventQueueKey.renumbered(heap[index], sequence: UInt64(rank))
        }
        nextSequence = UInt64(heapCount)
        precondition(nextSequence < sequenceLimit, "EventQueue: more entries than sequence numbers")
    }

    /// Checks the heap property of every node and that every key's slot is
    /// in range; returns the index of the first bad node, or nil when the
    /// heap is valid. O(n). Tests call this (swift-collections' Heap keeps
    /// the same kind of checker behind a flag).
    public func firstInvariantViolation() -> Int? {
        let heap = storage.heap
        for i in 0..<heapCount {
            if EventQueueKey.slot(of: heap[i]) >= storage.initializedPayloads { return i }
            if EventQueueKey.sequence(of: heap[i]) >= nextSequence && !(i == 0 && rootIsVacant) { return i }
            let parent = (i &- 1) >> 2
            if i > 0 && !(parent == 0 && rootIsVacant) && heap[i] < heap[parent] { return i }
        }
        return nil
    }
}

/// Packing and unpacking of the queue's 128-bit keys (see `EventQueue`).
@usableFromInline
enum EventQueueKey {
    @usableFromInline static let slotBits: UInt64 = 31
    @usableFromInline static let sequenceBits: UInt64 = 32
    @usableFromInline static let slotCount = 1 << 31
    @usableFromInline static let sequenceCount: UInt64 = 1 << 32
    @usableFromInline static let timeFlip: UInt64 = 1 << 63

    @inlinable @inline(__always)
    static func make(time: Int64, phase: EventPhase, sequence: UInt64, slot: UInt64) -> UInt128 {
        let order = UInt64(phase.rawValue) << 63 | sequence << slotBits | slot
        return UInt128(UInt64(bitPattern: time) ^ timeFlip) << 64 | UInt128(order)
    }

    @inlinable @inline(__always)
    static func order(of key: UInt128) -> UInt64 { UInt64(truncatingIfNeeded: key) }

    @inlinable @inline(__always)
    static func time(of key: UInt128) -> Int64 {
        Int64(bitPattern: UInt64(truncatingIfNeeded: key >> 64) ^ timeFlip)
    }

    @inlinable @inline(__always)
    static func phase(of key: UInt128) -> EventPhase { order(of: key) >> 63 == 0 ? .network : .timer }

    @inlinable @inline(__always)
    static func sequence(of key: UInt128) -> UInt64 { (order(of: key) >> slotBits) & (sequenceCount - 1) }

    @inlinable @inline(__always)
    static func slot(of key: UInt128) -> Int { Int(truncatingIfNeeded: order(of: key) & (UInt64(slotCount) - 1)) }

    @inlinable
    static func renumbered(_ key: UInt128, sequence: UInt64) -> UInt128 {
        let sequenceMask = UInt128((sequenceCount - 1) << slotBits)
        return key & ~sequenceMask | UInt128(sequence << slotBits)
    }
}

/// The memory of an `EventQueue`: keys, payload slots and the free-slot
/// stack, allocated once per capacity. A class so that it can free the
/// memory and so that copies of a queue can share it until one mutates.
/// Only `let` pointers are read in hot paths (no exclusivity checks); the
/// counts live in the `EventQueue` value.
@usableFromInline
final class EventQueueStorage<Payload> {
    @usableFromInline let capacity: Int
    /// The root key; `keyAllocation` + 3 keys, see "Layout".
    @usableFromInline let heap: UnsafeMutablePointer<UInt128>
    @usableFromInline let payloads: UnsafeMutablePointer<Payload>
    @usableFromInline let freeSlots: UnsafeMutablePointer<UInt32>
    /// Payload slots `0..<initializedPayloads` hold a value (live or stale).
    @usableFromInline var initializedPayloads = 0
    let keyAllocation: UnsafeMutableRawPointer

    @usableFromInline
    init(capacity: Int) {
        self.capacity = capacity
        keyAllocation = .allocate(byteCount: (capacity + 3) * MemoryLayout<UInt128>.stride, alignment: 64)
        heap = keyAllocation.bindMemory(to: UInt128.self, capacity: capacity + 3) + 3
        payloads = .allocate(capacity: capacity)
        freeSlots = .allocate(capacity: capacity)
    }

    deinit {
        payloads.deinitialize(count: initializedPayloads)
        payloads.deallocate()
        freeSlots.deallocate()
        keyAllocation.deallocate()
    }

    /// A copy with room for `capacity` slots (>= the current capacity).
    @usableFromInline
    func copy(capacity newCapacity: Int, heapCount: Int, freeCount: Int) -> EventQueueStorage {
        let copy = EventQueueStorage(capacity: newCapacity)
        copy.heap.initialize(from: heap, count: heapCount)
        copy.payloads.initialize(from: payloads, count: initializedPayloads)
        copy.freeSlots.initialize(from: freeSlots, count: freeCount)
        copy.initializedPayloads = initializedPayloads
        return copy
    }
}
