/// The kernel's priority queue: scheduled events ordered by
/// `(time, phase, sequence)`, where `sequence` is the order of the pushes.
///
/// The queue numbers the pushes itself, so events with the same time and
/// phase come out first-in first-out, and the order is total: the pop
/// sequence is fully determined by the pushes, no tie is ever left to chance.
///
/// ## Layout
///
/// Entries are 128-bit keys (`EventQueueKey`: time, phase, sequence and the
/// slot of the payload) plus a payload in a slot. A key is in one of three
/// tiers, split by time only — so every entry of a tier comes before every
/// entry of the next, and entries with equal times share a tier:
///
///     near heap        times <= nearMax              4-ary min-heap of keys
///     bucket ring      nearMax < times < ring end    buckets of 2^shift ns each,
///                                                    unsorted linked lists
///     far list         times >= ring end             one unsorted linked list
///
/// Pops come from the near heap, which is small; pushes for the future go
/// to a bucket or the far list in O(1). When the near heap runs empty, the
/// next non-empty bucket moves into it (and `nearMax` moves to that bucket's
/// end); when the ring runs out of buckets, it is rebuilt over the far list
/// with `bucketsPerEntry` buckets per entry. Each entry thus moves
/// at most twice (far list to bucket, bucket to near heap), and the heap it
/// is popped from holds one bucket's worth of entries instead of all of
/// them. The total order lives in the keys and is only ever decided by the
/// heap, so the tiers change nothing about which entry comes out next.
///
/// While the queue holds at most `nearHeapLimit` entries there is no ring:
/// every entry is in the near heap ("heap mode"). A heap that grows past
/// the limit is spread into a ring; a ring rebuilt for fewer than a quarter
/// of the limit is folded back into the heap. Small queues are fastest as a
/// heap; the hysteresis keeps the switching amortised O(1).
///
/// Keys of entries in buckets or the far list wait in their payload's slot
/// (`EventQueueSlot.parked`), and their slot bits hold the link to the
/// next entry of the list, so the lists cost no memory of their own.
///
/// ## Deferred pop (replace-top)
///
/// A simulation pops an event and its handler usually pushes one soon after.
/// `popMin` therefore only marks the near heap's root *vacant* and returns a
/// copy of its entry; it writes nothing to the storage (so it needs no
/// copy-on-write check). A `push` into the near heap that finds the root
/// vacant puts its payload in the popped entry's slot and sinks its key from
/// the root — one pass — instead of a pop (sift down) plus a push (sift
/// up). Any other operation first removes the vacant root the ordinary way.
/// This is invisible to callers: `count`, `min`, `isEmpty` and the pop order
/// account for it.
///
/// ## Sequence numbers
///
/// Sequences are 32 bits. When they run out (after 2³² pushes), the queued
/// keys are renumbered 0, 1, 2, ... in their existing order, which preserves
/// every comparison (so the heap stays valid and the pop order is unchanged)
/// and frees at least 2³¹ numbers, as fewer than 2³¹ entries fit the slot bits.
///
/// ## Complexity
///
/// With `k` the entries in the near heap (at most `nearHeapLimit` in heap
/// mode; a bucket's worth, a handful, with a ring, unless many entries
/// share a time): `push` O(1) into a bucket or the far list, O(log₄ k) into the
/// near heap (O(1) on average for future times); `popMin` amortised
/// O(log₄ k); `min`, `count` O(1); `removeAll(where:)` O(n); renumbering
/// O(n log n) once per 2³¹+ pushes. Memory: per slot 16 bytes in the heap,
/// 16 parked, 4 for the free stack, 8 for two bucket heads, and the payload.
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

    /// In heap mode, the near heap's size beyond which it is spread into a
    /// bucket ring (measured with the hold model: below about a thousand
    /// entries a plain heap is as fast).
    public static var defaultNearHeapLimit: Int { 1024 }
    /// Buckets per entry when the ring is rebuilt. Two, because entries are
    /// rarely spread evenly: in a simulation they crowd the near future
    /// (the hold model's exponential times are ten times denser at the
    /// front than on average), and the near heap should stay tiny there.
    @inlinable static var bucketsPerEntry: Int { 2 }

    @usableFromInline var storage: EventQueueStorage<Payload>
    /// Keys in the near heap, including a vacant root.
    @usableFromInline var heapCount = 0
    /// The near heap's root belongs to an already popped entry.
    @usableFromInline var rootIsVacant = false
    /// Slots on the free-slot stack.
    @usableFromInline var freeCount = 0
    @usableFromInline var nextSequence: UInt64 = 0
    /// Renumbering happens when `nextSequence` reaches this.
    @usableFromInline let sequenceLimit: UInt64
    @usableFromInline let nearHeapLimit: Int

    // The tiers (sortable times, see `EventQueueKey`).
    /// The near heap takes keys with times up to this, inclusive.
    @usableFromInline var nearMax: UInt64 = .max
    /// Buckets in the ring; 0 in heap mode.
    @usableFromInline var bucketCount = 0
    /// Bucket `b` holds the times `ringStart + b << ringShift ..< ringStart + (b + 1) << ringShift`.
    @usableFromInline var ringStart: UInt64 = 0
    @usableFromInline var ringShift: UInt64 = 0
    /// The next bucket to move into the near heap; those before it are empty.
    @usableFromInline var nextBucket = 0
    /// Entries in the ring's buckets.
    @usableFromInline var ringCount = 0
    /// The far list: its first slot, or `EventQueueKey.noSlot`.
    @usableFromInline var farHead = EventQueueKey.noSlot
    @usableFromInline var farCount = 0

    /// An empty queue.
    @inlinable
    public init() { self.init(renumberingAfter: EventQueueKey.sequenceCount) }

    /// An empty queue with tuning for tests: it renumbers its sequences after
    /// `sequenceLimit` pushes instead of 2³², and keeps at most
    /// `nearHeapLimit` entries in a plain heap before it uses buckets, so
    /// that small tests exercise both. `sequenceLimit` must exceed the
    /// number of entries ever queued at once.
    @inlinable
    public init(renumberingAfter sequenceLimit: UInt64, nearHeapLimit: Int = defaultNearHeapLimit) {
        precondition(sequenceLimit >= 2 && sequenceLimit <= EventQueueKey.sequenceCount,
                     "sequenceLimit must be in 2...2^32 (got \(sequenceLimit))")
        precondition(nearHeapLimit >= 4, "nearHeapLimit must be at least 4 (got \(nearHeapLimit))")
        storage = EventQueueStorage(capacity: 16)
        self.sequenceLimit = sequenceLimit
        self.nearHeapLimit = nearHeapLimit
    }

    /// Entries queued. O(1).
    @inlinable public var count: Int { nearCount &+ ringCount &+ farCount }
    @inlinable public var isEmpty: Bool { count == 0 }

    /// Live entries in the near heap. When the queue is not empty, neither is
    /// the near heap: it always holds the earliest entry.
    @inlinable var nearCount: Int { rootIsVacant ? heapCount &- 1 : heapCount }

    /// The next entry `popMin` would return, if any. O(1).
    @inlinable
    public var min: Entry? {
        let heap = storage.heap
        if !rootIsVacant { return heapCount == 0 ? nil : entry(heap[0]) }
        // The earliest child of the vacant root is what a pop would bring up.
        if heapCount == 1 { return nil }
        return entry(Self.earliestChild(heap, first: 1, count: heapCount).1)
    }

    // MARK: Push

    /// Adds `payload` at `time` in `phase`; among entries with the same time
    /// and phase it comes out after those pushed before it. O(1) for times
    /// beyond the near heap, O(log₄ k) into it.
    @inlinable
    public mutating func push(_ payload: Payload, at time: Int64, phase: EventPhase = .network) {
        makeUnique()
        if nextSequence == sequenceLimit { renumberSequences() }
        let t = EventQueueKey.sortableTime(time)
        if t > nearMax {
            if nearCount > 0 {
                let slot = storeInFreeSlot(payload)
                park(nextKey(t, phase, slot: slot), slot: slot, sortableTime: t)
                return
            }
            // The queue is empty (a non-empty queue has a non-empty near
            // heap): start over as a plain heap.
            becomeAHeap()
        }
        if rootIsVacant {
            // Replace-top: the popped entry's slot takes the payload and the
            // new key sinks from the root in one pass.
            rootIsVacant = false
            let heap = storage.heap
            let slot = EventQueueKey.slot(of: heap[0])
            storage.slots[slot].payload = payload
            Self.sink(nextKey(t, phase, slot: slot), in: heap, count: heapCount)
            return
        }
        if heapCount >= nearHeapLimit && bucketCount == 0 {
            spreadIntoARing()
            push(payload, at: time, phase: phase)
            return
        }
        let key = nextKey(t, phase, slot: storeInFreeSlot(payload))
        // After storeInFreeSlot, which may have moved the storage.
        Self.siftUp(key, in: storage.heap, count: heapCount)
        heapCount &+= 1
    }

    /// The key for the next push, which takes the next sequence number.
    @inlinable @inline(__always)
    mutating func nextKey(_ sortableTime: UInt64, _ phase: EventPhase, slot: Int) -> UInt128 {
        let key = EventQueueKey.make(sortableTime: sortableTime, phase: phase, sequence: nextSequence, slot: slot)
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
            storage.slots[slot].payload = payload
            return slot
        }
        return storeInNewSlot(payload)
    }

    @inlinable @inline(never)
    mutating func storeInNewSlot(_ payload: Payload) -> Int {
        if storage.initializedPayloads == storage.capacity {
            precondition(storage.capacity < EventQueueKey.slotLimit, "EventQueue: more than 2^31 - 1 entries")
            storage = storage.copy(capacity: Swift.min(storage.capacity * 2, EventQueueKey.slotLimit),
                                   heapCount: heapCount, freeCount: freeCount, bucketCount: bucketCount)
        }
        let slot = storage.initializedPayloads
        (storage.slots + slot).initialize(to: EventQueueSlot(parked: 0, payload: payload))
        storage.initializedPayloads = slot + 1
        return slot
    }

    // MARK: Pop

    /// Removes and returns the earliest entry. Amortised O(log₄ k).
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
        let popped = entry(key)
        if heapCount == 1 && ringCount | farCount != 0 {
            // The near heap's last entry: refill it now, so that it holds the
            // earliest entry again (which keeps `min` O(1)).
            makeUnique()
            rootIsVacant = true
            removeVacantRoot()
            refillTheNearHeap()
            return popped
        }
        // Only the flag changes: the storage is not written, so this needs
        // no copy-on-write check (see "Deferred pop").
        rootIsVacant = true
        return popped
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

    // MARK: Bulk removal

    /// Removes every entry for which `isDead` holds. O(n): the survivors are
    /// gathered into one heap (Floyd's construction) and keep their keys,
    /// so the pop sequence of the live entries is unchanged.
    @inlinable
    public mutating func removeAll(where isDead: (Entry) -> Bool) {
        makeUnique()
        if rootIsVacant { removeVacantRoot() }
        gatherIntoTheNearHeap()
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
        Self.heapify(heap, count: kept)
    }

    // MARK: Housekeeping

    @inlinable @inline(__always)
    func entry(_ key: UInt128) -> Entry {
        Entry(time: EventQueueKey.time(of: key), phase: EventQueueKey.phase(of: key),
              payload: storage.slots[EventQueueKey.slot(of: key)].payload)
    }

    /// Copy-on-write: gives this value its own storage before a mutation.
    @inlinable @inline(__always)
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy(capacity: storage.capacity, heapCount: heapCount, freeCount: freeCount,
                                   bucketCount: bucketCount)
        }
    }

    /// Renumbers the queued keys' sequences 0, 1, 2, ... in their current
    /// order (see "Sequence numbers"). Every pairwise comparison keeps its
    /// result, so the heap stays valid and every key stays in its tier.
    @usableFromInline
    mutating func renumberSequences() {
        if rootIsVacant { removeVacantRoot() }
        // Where each key is: a near heap index, or -1 - slot for a parked key.
        var places: [(sequence: UInt64, place: Int)] = []
        places.reserveCapacity(count)
        let heap = storage.heap, slots = storage.slots
        for i in 0..<heapCount { places.append((EventQueueKey.sequence(of: heap[i]), i)) }
        forEachParkedSlot { slot in places.append((EventQueueKey.sequence(of: slots[slot].parked), -1 - slot)) }
        places.sort { $0.sequence < $1.sequence }
        for (rank, place) in places.enumerated() {
            let sequence = UInt64(rank)
            if place.place >= 0 {
                heap[place.place] = EventQueueKey.renumbered(heap[place.place], sequence: sequence)
            } else {
                slots[-1 - place.place].parked = EventQueueKey.renumbered(slots[-1 - place.place].parked, sequence: sequence)
            }
        }
        nextSequence = UInt64(places.count)
        precondition(nextSequence < sequenceLimit, "EventQueue: more entries than sequence numbers")
    }
}
