/// The bucket ring and the far list (see `EventQueue`, "Layout"): where
/// entries beyond the near heap wait, and how they move into it.
extension EventQueue {
    /// Puts an entry whose time is beyond `nearMax` into its bucket, or into
    /// the far list if it lies beyond the ring. O(1).
    @inlinable @inline(__always)
    mutating func park(_ key: UInt128, slot: Int, sortableTime t: UInt64) {
        // t > nearMax >= ringStart, so the subtraction cannot wrap.
        let index = (t &- ringStart) &>> ringShift
        if index < UInt64(bucketCount) {
            let bucket = Int(truncatingIfNeeded: index)
            storage.slots[slot].parked = EventQueueKey.linked(key, to: Int(storage.bucketHeads[bucket]))
            storage.bucketHeads[bucket] = UInt32(truncatingIfNeeded: slot)
            storage.bucketBits[bucket >> 6] |= 1 &<< UInt64(bucket & 63)
            ringCount &+= 1
        } else {
            storage.slots[slot].parked = EventQueueKey.linked(key, to: Int(farHead))
            farHead = UInt32(truncatingIfNeeded: slot)
            farCount &+= 1
        }
    }

    /// Moves the earliest waiting entries into the empty near heap: the next
    /// non-empty bucket, after rebuilding the ring over the far list if the
    /// ring is used up — or the whole far list, as a plain heap, if it has
    /// become small. Requires an empty near heap and a non-empty ring or far
    /// list.
    @usableFromInline
    mutating func refillTheNearHeap() {
        while ringCount == 0 {
            if farCount <= nearHeapLimit / 4 {
                moveTheFarListIntoTheNearHeap()
                becomeAHeap()
                return
            }
            rebuildTheRingOverTheFarList()
        }
        moveTheNextBucketIntoTheNearHeap()
    }

    /// Spreads the far list over a new ring of `bucketsPerEntry` buckets per
    /// entry (rounded up to a power of two), with buckets just wide enough (a
    /// power of two of nanoseconds) to cover its earliest to its latest time.
    /// O(far list). Requires an empty ring.
    @usableFromInline
    mutating func rebuildTheRingOverTheFarList() {
        let slots = storage.slots
        var earliest = UInt64.max, latest: UInt64 = 0
        var slot = Int(farHead)
        while slot != Int(EventQueueKey.noSlot) {
            let t = EventQueueKey.sortableTime(of: slots[slot].parked)
            earliest = Swift.min(earliest, t)
            latest = Swift.max(latest, t)
            slot = EventQueueKey.slot(of: slots[slot].parked)
        }
        var buckets = 4
        while buckets < farCount * Self.bucketsPerEntry && buckets < storage.maximumBuckets { buckets <<= 1 }
        var shift: UInt64 = 0
        while (latest &- earliest) >> shift >= UInt64(buckets) { shift += 1 }
        bucketCount = buckets
        ringStart = earliest
        ringShift = shift
        nextBucket = 0
        storage.bucketHeads.update(repeating: EventQueueKey.noSlot, count: buckets)
        storage.bucketBits.update(repeating: 0, count: buckets / 64 + 1)
        // A set bit after the last bucket ends every scan for the next one.
        storage.bucketBits[buckets >> 6] = 1 &<< UInt64(buckets & 63)
        // Every far entry falls inside the new ring.
        slot = Int(farHead)
        farHead = EventQueueKey.noSlot
        farCount = 0
        while slot != Int(EventQueueKey.noSlot) {
            let key = slots[slot].parked
            let next = EventQueueKey.slot(of: key)
            park(key, slot: slot, sortableTime: EventQueueKey.sortableTime(of: key))
            slot = next
        }
    }

    /// Moves the first non-empty bucket at or after `nextBucket` into the
    /// empty near heap and extends `nearMax` to that bucket's end. O(bucket).
    @usableFromInline
    mutating func moveTheNextBucketIntoTheNearHeap() {
        let bits = storage.bucketBits
        var word = nextBucket >> 6
        var mask = bits[word] & (~0 &<< UInt64(nextBucket & 63))
        while mask == 0 {
            word += 1
            mask = bits[word]
        }
        let bucket = word << 6 | mask.trailingZeroBitCount
        precondition(bucket < bucketCount, "EventQueue: ring count and buckets disagree")
        bits[word] &= ~(1 &<< UInt64(bucket & 63))
        var slot = Int(storage.bucketHeads[bucket])
        storage.bucketHeads[bucket] = EventQueueKey.noSlot
        let heap = storage.heap, slots = storage.slots
        let first = heapCount
        while slot != Int(EventQueueKey.noSlot) {
            let key = slots[slot].parked
            heap[heapCount] = EventQueueKey.linked(key, to: slot)
            heapCount += 1
            slot = EventQueueKey.slot(of: key)
        }
        ringCount -= heapCount - first
        Self.heapify(heap, count: heapCount)
        nextBucket = bucket + 1
        // nearMax = the bucket's last nanosecond, or .max if that overflows.
        let width = UInt64(nextBucket) << ringShift
        let (end, overflow) = ringStart.addingReportingOverflow(width)
        nearMax = overflow || width >> ringShift != UInt64(nextBucket) ? .max : end - 1
    }

    /// Moves every entry of the far list into the near heap (not ordered yet).
    @usableFromInline
    mutating func moveTheFarListIntoTheNearHeap() {
        let heap = storage.heap, slots = storage.slots
        var slot = Int(farHead)
        while slot != Int(EventQueueKey.noSlot) {
            let key = slots[slot].parked
            heap[heapCount] = EventQueueKey.linked(key, to: slot)
            heapCount += 1
            slot = EventQueueKey.slot(of: key)
        }
        farHead = EventQueueKey.noSlot
        farCount = 0
        Self.heapify(heap, count: heapCount)
    }

    /// Drops the ring (which must be empty, like the far list): every entry
    /// goes to the near heap from now on.
    @usableFromInline
    mutating func becomeAHeap() {
        precondition(ringCount == 0 && farCount == 0, "EventQueue: dropping a ring that holds entries")
        bucketCount = 0
        nextBucket = 0
        ringStart = 0
        ringShift = 0
        nearMax = .max
    }

    /// In heap mode, when the heap has grown past `nearHeapLimit`: moves all
    /// its entries to the far list and builds a ring over them. O(n), and
    /// only after `nearHeapLimit` pushes since the queue last became a heap.
    @usableFromInline
    mutating func spreadIntoARing() {
        let heap = storage.heap, slots = storage.slots
        for i in 0..<heapCount {
            let key = heap[i]
            let slot = EventQueueKey.slot(of: key)
            slots[slot].parked = EventQueueKey.linked(key, to: Int(farHead))
            farHead = UInt32(truncatingIfNeeded: slot)
        }
        farCount += heapCount
        heapCount = 0
        refillTheNearHeap()
    }

    /// Moves every waiting entry into the near heap (not ordered yet) and
    /// drops the ring. Requires no vacant root.
    @usableFromInline
    mutating func gatherIntoTheNearHeap() {
        let heap = storage.heap, slots = storage.slots
        forEachParkedSlot { slot in
            heap[heapCount] = EventQueueKey.linked(slots[slot].parked, to: slot)
            heapCount += 1
        }
        if bucketCount > 0 {
            storage.bucketHeads.update(repeating: EventQueueKey.noSlot, count: bucketCount)
            storage.bucketBits.update(repeating: 0, count: bucketCount / 64 + 1)
        }
        ringCount = 0
        farHead = EventQueueKey.noSlot
        farCount = 0
        becomeAHeap()
    }

    /// Calls `body` with the slot of every entry in the ring and the far list.
    @usableFromInline
    func forEachParkedSlot(_ body: (Int) -> Void) {
        let slots = storage.slots
        for bucket in nextBucket..<bucketCount {
            var slot = Int(storage.bucketHeads[bucket])
            while slot != Int(EventQueueKey.noSlot) {
                let next = EventQueueKey.slot(of: slots[slot].parked)
                body(slot)
                slot = next
            }
        }
        var slot = Int(farHead)
        while slot != Int(EventQueueKey.noSlot) {
            let next = EventQueueKey.slot(of: slots[slot].parked)
            body(slot)
            slot = next
        }
    }
}
