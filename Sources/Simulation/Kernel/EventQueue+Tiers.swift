/// The bucket ring, the far list and the near tier's run (see `EventQueue`,
/// "Layout"): where entries beyond the near tier wait, and how they move
/// into it.
extension EventQueue {
    /// Puts an entry whose time is beyond `nearMax` into its bucket, or into
    /// the far list if it lies beyond the ring. O(1).
    @inlinable @inline(__always)
    mutating func park(_ key: UInt128, slot: Int, sortableTime t: UInt64) {
        // t > nearMax >= ringStart, so the subtraction cannot wrap.
        let index = (t &- ringStart) &>> ringShift
        if index < UInt64(bucketCount) {
            let bucket = Int(truncatingIfNeeded: index)
            storage.slots[slot].parked = key
            storage.links[slot] = storage.bucketHeads[bucket]
            storage.bucketHeads[bucket] = UInt32(truncatingIfNeeded: slot)
            storage.bucketBits[bucket >> 6] |= 1 &<< UInt64(bucket & 63)
            ringCount &+= 1
        } else {
            moveToTheFarList(key, slot: slot)
        }
    }

    /// Moves the earliest waiting entries into the empty near tier: the next
    /// non-empty bucket, after rebuilding the ring over the far list if the
    /// ring is used up — or the whole far list, as a plain heap, if it has
    /// become small. Requires an empty near tier and a non-empty ring or far
    /// list.
    @usableFromInline
    mutating func refillTheNearTier() {
        while ringCount == 0 {
            if farCount <= nearHeapLimit / 4 {
                moveTheFarListIntoTheNearTier()
                becomeAHeap()
                return
            }
            dropTheLearnedBucketWidthIfRebuildsDoNotPay()
            rebuildTheRingOverTheFarList()
        }
        tally.refills &+= 1
        moveTheNextBucketIntoTheNearTier()
    }

    /// Spreads the far list over a new ring of `bucketsPerEntry` buckets per
    /// entry (rounded up to a power of two), with buckets just wide enough (a
    /// power of two of nanoseconds) to cover the far list's earliest time to
    /// its latest — or to 16 times its mean offset from the earliest, if
    /// that is shorter. The cap keeps a few outliers (an event an hour away
    /// among events a second away) from making the buckets so wide that the
    /// near future lands in one; the outliers stay in the far list. (16: the
    /// hold model's exponential times reach about 9 means at 10,000 entries,
    /// and all of them should fit.) By Markov's inequality at least 15/16 of
    /// the far list land in the ring, so an entry is rescanned by rebuilds
    /// O(1) times on average. A learned cap (`ringShiftCap`, see "Bucket
    /// width") may make the buckets narrower still.
    /// O(far list). Requires an empty ring.
    @usableFromInline
    mutating func rebuildTheRingOverTheFarList() {
        let slots = storage.slots, links = storage.links
        var earliest = UInt64.max, latest: UInt64 = 0
        var sum: UInt128 = 0
        var slot = Int(farHead)
        while slot != Int(EventQueueKey.noSlot) {
            let t = EventQueueKey.sortableTime(of: slots[slot].parked)
            earliest = Swift.min(earliest, t)
            latest = Swift.max(latest, t)
            sum &+= UInt128(t)
            slot = Int(links[slot])
        }
        let meanOffset = UInt64(sum / UInt128(farCount)) - earliest
        let span = Swift.min(latest - earliest, meanOffset > UInt64.max / 16 ? .max : 16 * meanOffset)
        var buckets = 4
        while buckets < farCount * Self.bucketsPerEntry && buckets < storage.maximumBuckets { buckets <<= 1 }
        var shift: UInt64 = 0
        while span >> shift >= UInt64(buckets) && shift < ringShiftCap { shift += 1 }
        tally.ringRebuilds += 1
        tally.entriesScannedByRebuilds += farCount
        // A new ring starts a new period for the traffic to pay for.
        passagesAtRingRebuild = tally.nearTierPassages
        entriesAtRingRebuild = farCount
        bucketCount = buckets
        ringStart = earliest
        ringShift = shift
        nextBucket = 0
        storage.bucketHeads.update(repeating: EventQueueKey.noSlot, count: buckets)
        storage.bucketBits.update(repeating: 0, count: buckets / 64 + 1)
        // A set bit after the last bucket ends every scan for the next one.
        storage.bucketBits[buckets >> 6] = 1 &<< UInt64(buckets & 63)
        // The last sample's traffic went through wider buckets.
        aSampleIsOpen = false
        // The entries beyond the ring go back to the far list.
        slot = Int(farHead)
        farHead = EventQueueKey.noSlot
        farCount = 0
        while slot != Int(EventQueueKey.noSlot) {
            let key = slots[slot].parked
            let next = Int(links[slot])
            park(key, slot: slot, sortableTime: EventQueueKey.sortableTime(of: key))
            slot = next
        }
    }

    /// Moves the first non-empty bucket at or after `nextBucket` into the
    /// empty near tier — as a run if it is short, else as a heap — and
    /// extends `nearMax` to that bucket's end. O(bucket) for a heap,
    /// O(bucket²) but tiny for a run.
    @usableFromInline
    mutating func moveTheNextBucketIntoTheNearTier() {
        let bits = storage.bucketBits
        var word = nextBucket &>> 6
        var mask = bits[word] & (~0 &<< UInt64(nextBucket & 63))
        while mask == 0 {
            word &+= 1
            mask = bits[word]
        }
        let bucket = word &<< 6 | mask.trailingZeroBitCount
        precondition(bucket < bucketCount, "EventQueue: ring count and buckets disagree")
        bits[word] &= ~(1 &<< UInt64(bucket & 63))
        var slot = Int(storage.bucketHeads[bucket])
        storage.bucketHeads[bucket] = EventQueueKey.noSlot
        let near = storage.nearKeys, slots = storage.slots, links = storage.links
        // The common case, a short bucket, goes to the scratch keys first:
        // sorting them into the near tier then takes one pass.
        let scratch = storage.scratchKeys
        var count = 0
        while slot != Int(EventQueueKey.noSlot) && count < Self.shortRunLimit {
            scratch[count] = slots[slot].parked
            count &+= 1
            slot = Int(links[slot])
        }
        if slot == Int(EventQueueKey.noSlot) {
            Self.sortShortRun(scratch, count: count, latestFirstInto: near)
            nearIsARun = true
        } else {
            near.update(from: scratch, count: count)
            while slot != Int(EventQueueKey.noSlot) {
                near[count] = slots[slot].parked
                count &+= 1
                slot = Int(links[slot])
            }
            if count > Self.runLimit && ringCount + farCount >= 2 * entriesAtRingRebuild {
                // The queue has doubled since the ring was built, and its
                // buckets have become too coarse: rebuild it finer.
                ringCount &-= count
                for i in 0..<count { moveToTheFarList(near[i], slot: EventQueueKey.slot(of: near[i])) }
                rebuildTheRingOverAllWaitingEntries()
                moveTheNextBucketIntoTheNearTier()
                return
            }
            nearIsARun = count <= Self.runLimit
            if nearIsARun {
                Self.sortLatestFirst(near, count: count)
            } else {
                Self.heapify(near, count: count)
            }
        }
        ringCount &-= count
        nearKeyCount = count
        tally.entriesMovedIntoTheNearTier &+= count
        nextBucket = bucket &+ 1
        // nearMax = the bucket's last nanosecond, or .max if that overflows.
        let width = UInt64(nextBucket) &<< ringShift
        let (end, overflow) = ringStart.addingReportingOverflow(width)
        nearMax = overflow || width &>> ringShift != UInt64(nextBucket) ? .max : end &- 1
    }

    /// The longest bucket sorted by `sortShortRun`.
    @inlinable static var shortRunLimit: Int { EventQueueStorage<Payload>.scratchKeyCount }

    /// Writes `count` (at most `shortRunLimit`) keys into `run`, latest
    /// first, with no branch that depends on the keys (an insertion sort
    /// mispredicts about once per key): each key's place is the number of
    /// keys later than it. Keys are distinct, as their sequences are.
    @inlinable @inline(__always)
    static func sortShortRun(_ keys: UnsafeMutablePointer<UInt128>, count: Int,
                             latestFirstInto run: UnsafeMutablePointer<UInt128>) {
        for i in 0..<count {
            let key = keys[i]
            var place = 0
            for j in 0..<count {
                // Borrows when keys[j] is later than key.
                let (_, isEarlier) = key.subtractingReportingOverflow(keys[j])
                place &+= Int(truncatingIfNeeded: unsafeBitCast(isEarlier, to: UInt8.self))
            }
            run[place] = key
        }
    }

    /// Insertion sort, latest key first: the keys of a run.
    @inlinable
    static func sortLatestFirst(_ keys: UnsafeMutablePointer<UInt128>, count: Int) {
        var i = 1
        while i < count {
            let key = keys[i]
            var j = i
            while j > 0 && keys[j &- 1] < key {
                keys[j] = keys[j &- 1]
                j &-= 1
            }
            keys[j] = key
            i &+= 1
        }
    }

    /// Adds `key` to the run (not full, no vacant key), scanning from the
    /// earliest end: new events mostly belong near it.
    @inlinable
    mutating func insertIntoTheRun(_ key: UInt128) {
        let near = storage.nearKeys
        var i = nearKeyCount
        while i > 0 && near[i &- 1] < key {
            near[i] = near[i &- 1]
            i &-= 1
        }
        near[i] = key
        nearKeyCount &+= 1
    }

    /// Reverses the run (no vacant key) into earliest-first order, which is
    /// a valid heap.
    @usableFromInline
    mutating func turnTheRunIntoAHeap() {
        var low = 0, high = nearKeyCount - 1
        let near = storage.nearKeys
        while low < high {
            (near[low], near[high]) = (near[high], near[low])
            low += 1
            high -= 1
        }
        nearIsARun = false
    }

    /// Puts a waiting entry at the head of the far list.
    @inlinable @inline(__always)
    mutating func moveToTheFarList(_ key: UInt128, slot: Int) {
        storage.slots[slot].parked = key
        storage.links[slot] = farHead
        farHead = UInt32(truncatingIfNeeded: slot)
        farCount &+= 1
    }

    /// Moves the ring's entries to the far list and rebuilds the ring over
    /// all of them. O(waiting entries + buckets).
    @usableFromInline
    mutating func rebuildTheRingOverAllWaitingEntries() {
        for slot in parkedSlots(inTheFarListToo: false) { moveToTheFarList(storage.slots[slot].parked, slot: slot) }
        storage.bucketHeads.update(repeating: EventQueueKey.noSlot, count: bucketCount)
        storage.bucketBits.update(repeating: 0, count: bucketCount / 64 + 1)
        ringCount = 0
        rebuildTheRingOverTheFarList()
    }

    /// Moves every entry of the far list into the empty near tier, as a heap.
    @usableFromInline
    mutating func moveTheFarListIntoTheNearTier() {
        let near = storage.nearKeys, slots = storage.slots, links = storage.links
        var slot = Int(farHead)
        while slot != Int(EventQueueKey.noSlot) {
            near[nearKeyCount] = slots[slot].parked
            nearKeyCount += 1
            slot = Int(links[slot])
        }
        farHead = EventQueueKey.noSlot
        farCount = 0
        nearIsARun = false
        Self.heapify(near, count: nearKeyCount)
    }

    /// Drops the ring (which must be empty, like the far list): every entry
    /// goes to the near tier, a heap, from now on. The near tier holds at
    /// most a vacant key, or is already a heap.
    @usableFromInline
    mutating func becomeAHeap() {
        precondition(ringCount == 0 && farCount == 0, "EventQueue: dropping a ring that holds entries")
        nearIsARun = false
        bucketCount = 0
        nextBucket = 0
        aSampleIsOpen = false
        ringStart = 0
        ringShift = 0
        nearMax = .max
    }

    /// In heap mode, when the heap has grown past `nearHeapLimit`: moves all
    /// its entries to the far list and builds a ring over them. O(n), and
    /// at least `3/4 nearHeapLimit` pushes after the queue last became a heap
    /// (a ring becomes a heap below `nearHeapLimit / 4` entries). Requires no
    /// vacant key.
    @usableFromInline
    mutating func spreadIntoARing() {
        let near = storage.nearKeys
        for i in 0..<nearKeyCount { moveToTheFarList(near[i], slot: EventQueueKey.slot(of: near[i])) }
        nearKeyCount = 0
        refillTheNearTier()
    }

    /// Moves every waiting entry into the near tier (in no order: the caller
    /// makes it a heap) and drops the ring. Requires no vacant key.
    @usableFromInline
    mutating func gatherIntoTheNearTier() {
        let near = storage.nearKeys, slots = storage.slots
        for slot in parkedSlots() {
            near[nearKeyCount] = slots[slot].parked
            nearKeyCount += 1
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

    /// The slots of the entries in the ring and (unless told otherwise) the
    /// far list. For the O(n) slow paths only: it allocates.
    @usableFromInline
    func parkedSlots(inTheFarListToo includeFar: Bool = true) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(ringCount + (includeFar ? farCount : 0))
        let links = storage.links
        for bucket in nextBucket..<bucketCount {
            var slot = Int(storage.bucketHeads[bucket])
            while slot != Int(EventQueueKey.noSlot) {
                result.append(slot)
                slot = Int(links[slot])
            }
        }
        guard includeFar else { return result }
        var slot = Int(farHead)
        while slot != Int(EventQueueKey.noSlot) {
            result.append(slot)
            slot = Int(links[slot])
        }
        return result
    }
}
