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
///     near tier     times <= nearMax             a 4-ary min-heap, or a short
///                                                run sorted latest first
///     bucket ring   nearMax < times < ring end   buckets of 2^shift ns each,
///                                                unsorted linked lists
///     far list      times >= ring end            one unsorted linked list
///
/// Pops come from the near tier, which is small; pushes for the future go
/// to a bucket or the far list in O(1). When the near tier runs empty, the
/// next non-empty bucket moves into it (and `nearMax` moves to that bucket's
/// end); when the ring runs out of buckets, it is rebuilt over the far list
/// with `bucketsPerEntry` buckets per entry, as wide as the span of the far
/// list's times calls for (or narrower: see "Bucket width"). Each entry thus
/// moves at most twice (far list to bucket, bucket to near tier) per
/// rebuild, and it is popped from a handful of entries instead of from all
/// of them. The total order lives in the keys and only the near tier ever
/// compares them, so the tiers change nothing about which entry comes out
/// next.
///
/// A bucket of at most `runLimit` entries becomes a *run*: sorted with the
/// earliest last (up to `shortRunLimit` keys by counting, with no branch on
/// the keys; more by insertion), so a pop is O(1); a near push is inserted
/// from the earliest end, where new events land. A longer bucket, or a run
/// that grows past the limit, becomes a heap. A longer bucket is also the
/// sign of a ring built when the queue was smaller: if the queue has
/// doubled since, the ring is rebuilt over all waiting entries first.
///
/// While the queue holds at most `nearHeapLimit` entries there is no ring:
/// every entry is in the near tier, as a heap ("heap mode"). A heap that
/// grows past the limit is spread into a ring; a ring rebuilt for fewer
/// than a quarter of the limit is folded back into a heap. Small queues are
/// fastest as a heap; the hysteresis keeps the switching amortised O(1).
///
/// Keys of entries in buckets or the far list wait in their payload's slot
/// (`EventQueueSlot.parked`); the lists are linked through
/// `EventQueueStorage.links`, four bytes per slot, apart from the slots so
/// that a walk over a list does not wait for each key before it can load
/// the next.
///
/// ## Bucket width
///
/// The span of the waiting times sets the width for an even spread, but a
/// simulation's queue is rarely even: a thousand lazy timers a minute away
/// among dense traffic a millisecond away make buckets of tens of
/// milliseconds, and the traffic of such a bucket — thousands of events —
/// all goes through the near tier, a heap, instead of waiting in buckets.
/// So the queue also measures the traffic it gets, and learns a cap on the
/// width (`ringShiftCap`):
///
/// - Narrowing. Every `learningSample` entries through the near tier
///   (pushed into it, or moved in from a bucket), it compares them with the
///   virtual time they took. If a bucket width of that time held more than
///   `crowdedLoad` of them (the near tier is a heap), the width is capped
///   at the largest power of two that would hold at most `targetLoad` (a
///   short run), and every entry is spread over a new ring with it. Only
///   if at least as many entries went through the near tier since the last
///   rebuild as are queued: that pays for the O(n) spread.
/// - Resetting. A narrow ring covers less time, so it runs out of buckets
///   sooner, and each rebuild walks the far list — the far timers every
///   time. When fewer entries went through the near tier since the last
///   rebuild than a rebuild would walk, the traffic no longer pays for them
///   (it has thinned out, or stopped): the cap is dropped, and the width
///   follows the span again.
///
/// The cap outlives heap mode (it describes the traffic, not the queue's
/// size). Both rules only ever move entries between tiers, never reorder
/// keys, so what they decide cannot change the pop order.
///
/// ## Deferred pop (replace-top)
///
/// A simulation pops an event and its handler usually pushes one soon after.
/// `popMin` therefore only marks the near tier's earliest key *vacant* and
/// returns a copy of its entry; it writes nothing to the storage (so it
/// needs no copy-on-write check). The next push reuses the popped entry's
/// slot; into a heap, it also sinks its key from the vacant root — one pass
/// instead of a pop (sift down) plus a push (sift up). Any other operation
/// first removes the vacant key the ordinary way. This is invisible to
/// callers: `count`, `min`, `isEmpty` and the pop order account for it.
///
/// ## Sequence numbers
///
/// Sequences are 32 bits. When they run out (after 2³² pushes), the queued
/// keys are renumbered 0, 1, 2, ... in their existing order, which preserves
/// every comparison (so heaps and runs stay ordered and the pop order is
/// unchanged) and frees at least 2³¹ numbers, as fewer than 2³¹ entries fit
/// the slot bits.
///
/// ## Complexity
///
/// With `k` the entries in the near tier (at most `nearHeapLimit` in heap
/// mode; with a ring, one bucket's worth — a handful — unless many entries
/// crowd one bucket): `push` O(1) into a bucket or the far list, O(log₄ k)
/// into a heap (O(1) on average for future times), O(k) into a run (k <=
/// `runLimit`, and O(1) for the near future); `popMin` amortised O(1) from
/// a run, O(log₄ k) from a heap; `min`, `count` O(1); `removeAll(where:)`
/// O(n); renumbering O(n log n) once per 2³¹+ pushes. Memory per slot: 16
/// bytes of near keys, 16 parked, 4 for the free stack, 4 for a link, 8
/// for two bucket heads, and the payload.
///
/// Rebuilds are amortised O(1) per operation. Without a learned cap, at
/// least 15/16 of the far list lands in the ring (see
/// `rebuildTheRingOverTheFarList`), and doubling rebuilds follow a doubling
/// of the queue. With a cap, every rebuild is paid for by the entries that
/// went through the near tier since the previous one (each is popped once):
/// a narrowing by at least the n it spreads, a rebuild over a far list of f
/// entries by at least f — or else it drops the cap, which happens at most
/// once per narrowing, and costs at most the entries queued at that
/// narrowing plus the pushes since. The looks at the near tier cost O(1)
/// each, once per `learningSample` entries through it. So the learning
/// keeps `k` a handful even for bimodal traffic, and never makes an
/// operation more than amortised O(1) dearer.
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

    /// In heap mode, the heap's size beyond which it is spread into a
    /// bucket ring. Measured with the hold model: from about 50 entries on,
    /// the ring costs fewer instructions per event than a heap, and at a
    /// thousand it is already 1.4 times as fast.
    public static var defaultNearHeapLimit: Int { 64 }
    /// Buckets per entry when the ring is rebuilt. Two, because entries are
    /// rarely spread evenly: in a simulation they crowd the near future
    /// (the hold model's exponential times are ten times denser at the
    /// front than on average), and the near tier should stay tiny there.
    @inlinable static var bucketsPerEntry: Int { 2 }
    /// The longest run; longer near tiers are heaps.
    @inlinable static var runLimit: Int { 32 }

    @usableFromInline var storage: EventQueueStorage<Payload>
    /// Keys in the near tier, including a vacant earliest one.
    @usableFromInline var nearKeyCount = 0
    /// The near tier's earliest key belongs to an already popped entry.
    @usableFromInline var earliestIsVacant = false
    /// The near tier is a run sorted latest first (else a heap).
    @usableFromInline var nearIsARun = false
    /// Slots on the free-slot stack.
    @usableFromInline var freeCount = 0
    @usableFromInline var nextSequence: UInt64 = 0
    /// Renumbering happens when `nextSequence` reaches this.
    @usableFromInline let sequenceLimit: UInt64
    @usableFromInline let nearHeapLimit: Int

    // The tiers (sortable times, see `EventQueueKey`).
    /// The near tier takes keys with times up to this, inclusive.
    @usableFromInline var nearMax: UInt64 = .max
    /// Buckets in the ring; 0 in heap mode.
    @usableFromInline var bucketCount = 0
    /// Bucket `b` holds the times `ringStart + b << ringShift ..< ringStart + (b + 1) << ringShift`.
    @usableFromInline var ringStart: UInt64 = 0
    @usableFromInline var ringShift: UInt64 = 0
    /// The next bucket to move into the near tier; those before it are empty.
    @usableFromInline var nextBucket = 0
    /// Entries in the ring's buckets.
    @usableFromInline var ringCount = 0
    /// The far list: its first slot, or `EventQueueKey.noSlot`.
    @usableFromInline var farHead = EventQueueKey.noSlot
    @usableFromInline var farCount = 0
    /// Entries waiting when the ring was last rebuilt.
    @usableFromInline var entriesAtRingRebuild = 0

    // Learning the bucket width (see "Bucket width").
    /// The widest buckets a rebuild may choose (as `ringShift`), or
    /// `noShiftCap` while the width follows the span of the entries alone.
    @usableFromInline var ringShiftCap = noShiftCap
    /// `tally.nearTierPassages` when the ring was last rebuilt.
    @usableFromInline var passagesAtRingRebuild = 0
    /// A sample of the near tier's traffic is open (see
    /// `lookAtTheNearTier`): it began when `tally.nearTierPassages` and the
    /// virtual time (sortable) were these.
    @usableFromInline var aSampleIsOpen = false
    @usableFromInline var passagesAtSampleStart = 0
    @usableFromInline var timeAtSampleStart: UInt64 = 0

    /// The counters behind `statistics`, except pushes: those are
    /// `pushesBeforeRenumbering + nextSequence`.
    @usableFromInline var tally = EventQueueStatistics()
    @usableFromInline var pushesBeforeRenumbering = 0

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

    /// Live entries in the near tier. When the queue is not empty, neither is
    /// the near tier: it always holds the earliest entry.
    @inlinable var nearCount: Int { earliestIsVacant ? nearKeyCount &- 1 : nearKeyCount }

    /// Where the near tier keeps its earliest key: a heap's root, a run's end.
    @inlinable var earliestIndex: Int { nearIsARun ? nearKeyCount &- 1 : 0 }

    /// The next entry `popMin` would return, if any. O(1).
    @inlinable
    public var min: Entry? {
        let near = storage.nearKeys
        if !earliestIsVacant { return nearKeyCount == 0 ? nil : entry(near[earliestIndex]) }
        if nearKeyCount == 1 { return nil }
        // What a pop of the vacant key brings up: the run's next key, or the
        // earliest child of the heap's root.
        if nearIsARun { return entry(near[nearKeyCount - 2]) }
        return entry(Self.earliestChild(near, first: 1, count: nearKeyCount).1)
    }

    // MARK: Push

    /// Adds `payload` at `time` in `phase`; among entries with the same time
    /// and phase it comes out after those pushed before it. O(1) for times
    /// beyond the near tier; see "Complexity" for the near tier.
    @inlinable
    public mutating func push(_ payload: Payload, at time: Int64, phase: EventPhase = .network) {
        makeUnique()
        if nextSequence == sequenceLimit { renumberSequences() }
        let t = EventQueueKey.sortableTime(time)
        // The common case in a simulation: an event for later than the near
        // tier. (If the near tier is empty, so is the queue: see below.)
        if t > nearMax && nearCount > 0 {
            let slot = takeASlot(for: payload)
            park(nextKey(t, phase, slot: slot), slot: slot, sortableTime: t)
            return
        }
        pushIntoTheNearTier(payload, sortableTime: t, phase: phase)
    }

    /// `push` for a time within the near tier, or into an empty queue; also
    /// where the near tier's load is looked at (see "Bucket width").
    @inlinable @inline(never)
    mutating func pushIntoTheNearTier(_ payload: Payload, sortableTime t: UInt64, phase: EventPhase) {
        if aLookAtTheNearTierIsDue && nearKeyCount > 0
            && lookAtTheNearTier(now: EventQueueKey.sortableTime(of: storage.nearKeys[earliestIndex])) {
            // Every entry was spread over a narrower ring: the push may
            // belong to a bucket now.
            push(payload, at: Int64(bitPattern: t ^ EventQueueKey.signBit), phase: phase)
            return
        }
        tally.pushesIntoTheNearTier &+= 1
        if t > nearMax {
            // The queue is empty (a non-empty queue has a non-empty near
            // tier): start over as a plain heap.
            becomeAHeap()
        }
        if nearIsARun {
            let key = nextKey(t, phase, slot: takeASlot(for: payload))
            if nearKeyCount < Self.runLimit {
                insertIntoTheRun(key)
                return
            }
            turnTheRunIntoAHeap()
            Self.siftUp(key, in: storage.nearKeys, count: nearKeyCount)
            nearKeyCount &+= 1
            return
        }
        if earliestIsVacant {
            // Replace-top: the popped entry's slot takes the payload and the
            // new key sinks from the root in one pass.
            earliestIsVacant = false
            let near = storage.nearKeys
            let slot = EventQueueKey.slot(of: near[0])
            storage.slots[slot].payload = payload
            Self.sink(nextKey(t, phase, slot: slot), in: near, count: nearKeyCount)
            return
        }
        if nearKeyCount >= nearHeapLimit && bucketCount == 0 {
            // Not counted here: the push below counts it if it lands in
            // the near tier of the new ring.
            tally.pushesIntoTheNearTier &-= 1
            spreadIntoARing()
            push(payload, at: Int64(bitPattern: t ^ EventQueueKey.signBit), phase: phase)
            return
        }
        let key = nextKey(t, phase, slot: storeInFreeSlot(payload))
        // After storeInFreeSlot, which may have moved the storage.
        Self.siftUp(key, in: storage.nearKeys, count: nearKeyCount)
        nearKeyCount &+= 1
    }

    /// The key for the next push, which takes the next sequence number.
    @inlinable @inline(__always)
    mutating func nextKey(_ sortableTime: UInt64, _ phase: EventPhase, slot: Int) -> UInt128 {
        let key = EventQueueKey.make(sortableTime: sortableTime, phase: phase, sequence: nextSequence, slot: slot)
        nextSequence &+= 1
        return key
    }

    /// A slot holding `payload`: the popped entry's, if its key is still
    /// vacant in the near tier (then the key leaves), else a free one.
    @inlinable @inline(__always)
    mutating func takeASlot(for payload: Payload) -> Int {
        guard earliestIsVacant else { return storeInFreeSlot(payload) }
        let slot = removeTheVacantKeyKeepingItsSlot()
        storage.slots[slot].payload = payload
        return slot
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
                                   nearKeyCount: nearKeyCount, freeCount: freeCount, bucketCount: bucketCount)
        }
        let slot = storage.initializedPayloads
        (storage.slots + slot).initialize(to: EventQueueSlot(parked: 0, payload: payload))
        storage.initializedPayloads = slot + 1
        return slot
    }

    // MARK: Pop

    /// Removes and returns the earliest entry. Amortised O(1) from a run,
    /// O(log₄ k) from a heap.
    @inlinable
    public mutating func popMin() -> Entry? { popMin(notAfter: .max) }

    /// Removes and returns the earliest entry if its time is `limit` or
    /// earlier; otherwise (or when empty) returns nil and leaves the queue
    /// as it was. One call instead of `min` then `popMin`.
    @inlinable
    public mutating func popMin(notAfter limit: Int64) -> Entry? {
        if earliestIsVacant {
            makeUnique()
            removeTheVacantKey()
        }
        if nearKeyCount == 0 { return nil }
        let key = storage.nearKeys[earliestIndex]
        if EventQueueKey.time(of: key) > limit { return nil }
        let popped = entry(key)
        if nearKeyCount == 1 && ringCount | farCount != 0 {
            // The near tier's last entry: refill it now, so that it holds
            // the earliest entry again (which keeps `min` O(1)).
            popTheLastNearEntryAndRefill()
            return popped
        }
        // Only the flag changes: the storage is not written, so this needs
        // no copy-on-write check (see "Deferred pop").
        earliestIsVacant = true
        return popped
    }

    @inlinable @inline(never)
    mutating func popTheLastNearEntryAndRefill() {
        makeUnique()
        let now = EventQueueKey.sortableTime(of: storage.nearKeys[0])
        earliestIsVacant = true
        removeTheVacantKey()
        // A narrowed ring comes with its first bucket in the near tier.
        if aLookAtTheNearTierIsDue && lookAtTheNearTier(now: now) { return }
        refillTheNearTier()
    }

    /// Completes a deferred pop and frees the popped entry's slot.
    @inlinable
    mutating func removeTheVacantKey() {
        let slot = removeTheVacantKeyKeepingItsSlot()
        storage.freeSlots[freeCount] = UInt32(truncatingIfNeeded: slot)
        freeCount &+= 1
    }

    /// Completes a deferred pop: drops the vacant key from the run's end, or
    /// fills the heap's root with the last key and sinks it. Returns the
    /// popped entry's slot, which the caller now owns.
    @inlinable @inline(__always)
    mutating func removeTheVacantKeyKeepingItsSlot() -> Int {
        earliestIsVacant = false
        nearKeyCount &-= 1
        if nearIsARun { return EventQueueKey.slot(of: storage.nearKeys[nearKeyCount]) }
        return removeTheHeapsVacantRoot()
    }

    /// The heap part of `removeTheVacantKeyKeepingItsSlot`, out of line so
    /// that the run's O(1) case stays small. `nearKeyCount` is already one less.
    @inlinable @inline(never)
    mutating func removeTheHeapsVacantRoot() -> Int {
        let near = storage.nearKeys
        let slot = EventQueueKey.slot(of: near[0])
        if nearKeyCount > 0 { Self.sink(near[nearKeyCount], in: near, count: nearKeyCount) }
        return slot
    }

    // MARK: Bulk removal

    /// Removes every entry for which `isDead` holds. O(n): the survivors are
    /// gathered into one heap (Floyd's construction) and keep their keys,
    /// so the pop sequence of the live entries is unchanged.
    @inlinable
    public mutating func removeAll(where isDead: (Entry) -> Bool) {
        makeUnique()
        if earliestIsVacant { removeTheVacantKey() }
        gatherIntoTheNearTier()
        let near = storage.nearKeys
        var kept = 0
        for i in 0..<nearKeyCount {
            let key = near[i]
            if isDead(entry(key)) {
                storage.freeSlots[freeCount] = UInt32(truncatingIfNeeded: EventQueueKey.slot(of: key))
                freeCount &+= 1
            } else {
                near[kept] = key
                kept &+= 1
            }
        }
        nearKeyCount = kept
        Self.heapify(near, count: kept)
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
        if !isKnownUniquelyReferenced(&storage) { copyTheStorage() }
    }

    @inlinable @inline(never)
    mutating func copyTheStorage() {
        storage = storage.copy(capacity: storage.capacity, nearKeyCount: nearKeyCount, freeCount: freeCount,
                               bucketCount: bucketCount)
    }

    /// Renumbers the queued keys' sequences 0, 1, 2, ... in their current
    /// order (see "Sequence numbers"). Every pairwise comparison keeps its
    /// result, so heaps and runs stay ordered and every key stays in its tier.
    @usableFromInline
    mutating func renumberSequences() {
        if earliestIsVacant { removeTheVacantKey() }
        // Where each key is: a near tier index, or -1 - slot for a parked key.
        var places: [(sequence: UInt64, place: Int)] = []
        places.reserveCapacity(count)
        let near = storage.nearKeys, slots = storage.slots
        for i in 0..<nearKeyCount { places.append((EventQueueKey.sequence(of: near[i]), i)) }
        for slot in parkedSlots() { places.append((EventQueueKey.sequence(of: slots[slot].parked), -1 - slot)) }
        places.sort { $0.sequence < $1.sequence }
        for (rank, place) in places.enumerated() {
            let sequence = UInt64(rank)
            if place.place >= 0 {
                near[place.place] = EventQueueKey.renumbered(near[place.place], sequence: sequence)
            } else {
                slots[-1 - place.place].parked = EventQueueKey.renumbered(slots[-1 - place.place].parked, sequence: sequence)
            }
        }
        pushesBeforeRenumbering += Int(nextSequence) - places.count
        nextSequence = UInt64(places.count)
        precondition(nextSequence < sequenceLimit, "EventQueue: more entries than sequence numbers")
    }
}
