extension EventQueue {
    /// Checks every invariant of the layout and returns a description of the
    /// first one broken, or nil when all hold. O(n). Tests call this after
    /// every operation (swift-collections' Heap keeps the same kind of
    /// checker behind a flag).
    ///
    /// The invariants: the near tier is a heap, or a run sorted latest first
    /// (only with a ring, and at most `runLimit` long); all its times are at
    /// most `nearMax`; it is not empty unless the queue is; every entry of a
    /// bucket belongs in that bucket and lies beyond `nearMax`, and a waiting
    /// key names its own slot; every far
    /// entry lies beyond the ring; the counts match the lists; every slot is
    /// used exactly once (by the near tier, a list or the free stack); every
    /// sequence number was handed out; the buckets are no wider than the
    /// learned cap; the learning's marks lie in the past, and an open
    /// sample (only with a ring) began after the last rebuild.
    public func firstInvariantViolation() -> String? {
        let near = storage.nearKeys, slots = storage.slots
        var slotUses = [Int](repeating: 0, count: storage.initializedPayloads)
        func use(_ slot: Int, _ place: String) -> String? {
            guard slot >= 0 && slot < slotUses.count else { return "\(place): slot \(slot) out of range" }
            slotUses[slot] += 1
            return nil
        }
        if nearIsARun && (bucketCount == 0 || nearKeyCount > Self.runLimit) { return "a run without a ring, or too long" }
        for i in 0..<nearKeyCount {
            let key = near[i]
            if let bad = use(EventQueueKey.slot(of: key), "near key \(i)") { return bad }
            if EventQueueKey.sequence(of: key) >= nextSequence { return "near key \(i): unissued sequence" }
            if i == earliestIndex && earliestIsVacant { continue }
            if EventQueueKey.sortableTime(of: key) > nearMax { return "near key \(i): beyond nearMax" }
            if nearIsARun {
                if i > 0 && !(near[i] < near[i - 1]) { return "run key \(i) is not earlier than key \(i - 1)" }
            } else {
                let parent = (i - 1) >> 2
                if i > 0 && !(parent == 0 && earliestIsVacant) && key < near[parent] { return "heap key \(i) precedes its parent" }
            }
        }
        if count > 0 && nearCount == 0 { return "the near tier is empty but the queue is not" }
        if bucketCount == 0 && (ringCount != 0 || farCount != 0 || nearMax != .max) { return "heap mode with a ring or far entries" }
        var inBuckets = 0
        if bucketCount > 0 {
            let bits = storage.bucketBits
            if bits[bucketCount >> 6] & 1 << UInt64(bucketCount & 63) == 0 { return "no stop bit after the last bucket" }
            for bucket in 0..<bucketCount {
                var slot = Int(storage.bucketHeads[bucket])
                let bitIsSet = bits[bucket >> 6] & 1 << UInt64(bucket & 63) != 0
                if bitIsSet != (slot != Int(EventQueueKey.noSlot)) { return "bucket \(bucket): occupancy bit disagrees with its list" }
                if bucket < nextBucket && bitIsSet { return "bucket \(bucket) is before nextBucket but not empty" }
                while slot != Int(EventQueueKey.noSlot) {
                    if let bad = use(slot, "bucket \(bucket)") { return bad }
                    if slotUses[slot] > 1 { return "bucket \(bucket): slot \(slot) used twice (a cycle?)" }
                    let key = slots[slot].parked
                    let t = EventQueueKey.sortableTime(of: key)
                    if t <= nearMax || (t &- ringStart) >> ringShift != UInt64(bucket) { return "bucket \(bucket): an entry of another bucket" }
                    if EventQueueKey.sequence(of: key) >= nextSequence { return "bucket \(bucket): unissued sequence" }
                    if EventQueueKey.slot(of: key) != slot { return "bucket \(bucket): the key in slot \(slot) names another slot" }
                    inBuckets += 1
                    slot = Int(storage.links[slot])
                }
            }
        }
        if inBuckets != ringCount { return "ringCount \(ringCount), but \(inBuckets) entries in buckets" }
        var inFar = 0
        var slot = Int(farHead)
        while slot != Int(EventQueueKey.noSlot) {
            if let bad = use(slot, "far list") { return bad }
            if slotUses[slot] > 1 { return "far list: slot \(slot) used twice (a cycle?)" }
            let key = slots[slot].parked
            let t = EventQueueKey.sortableTime(of: key)
            if t <= nearMax || (t &- ringStart) >> ringShift < UInt64(bucketCount) { return "far list: an entry inside the ring" }
            if EventQueueKey.sequence(of: key) >= nextSequence { return "far list: unissued sequence" }
            if EventQueueKey.slot(of: key) != slot { return "far list: the key in slot \(slot) names another slot" }
            inFar += 1
            slot = Int(storage.links[slot])
        }
        if inFar != farCount { return "farCount \(farCount), but \(inFar) entries in the far list" }
        for i in 0..<freeCount {
            if let bad = use(Int(storage.freeSlots[i]), "free stack \(i)") { return bad }
        }
        if let slot = slotUses.firstIndex(where: { $0 != 1 }) { return "slot \(slot) is used \(slotUses[slot]) times" }
        if ringShiftCap > Self.noShiftCap || (bucketCount > 0 && ringShift > ringShiftCap) {
            return "ringShift \(ringShift) beyond the learned cap \(ringShiftCap)"
        }
        let passages = tally.nearTierPassages
        if passagesAtRingRebuild > passages { return "passages since the last rebuild: \(passages - passagesAtRingRebuild)" }
        if aSampleIsOpen && (bucketCount == 0 || !(passagesAtRingRebuild <= passagesAtSampleStart && passagesAtSampleStart <= passages)) {
            return "a sample open in heap mode, or from \(passagesAtSampleStart) passages (rebuild: \(passagesAtRingRebuild), now: \(passages))"
        }
        return nil
    }
}
