/// Learning the bucket width from the load of the near tier (see
/// `EventQueue`, "Bucket width"): narrower buckets when too many entries
/// go through the near tier per bucket, the width from the span of the
/// entries again when the narrower ring has to be rebuilt more often than
/// the pops can pay for.
extension EventQueue {
    /// `ringShiftCap` when there is no cap: above every possible shift.
    @inlinable static var noShiftCap: UInt64 { 64 }
    /// Refills per window over which the near tier's load is averaged.
    @inlinable static var learningWindow: Int { 16 }
    /// Passages through the near tier per refill above which the buckets
    /// are too wide: the near tier is a heap (longer than `runLimit`).
    @inlinable static var crowdedLoad: Int { 32 }
    /// Passages per refill that a narrowed width aims for: a short run.
    @inlinable static var targetLoad: Int { 8 }

    /// At the end of each window of `learningWindow` refills, or as soon as
    /// more than `crowdedLoad * learningWindow` entries went through the
    /// near tier in the window (so that a ring of very crowded buckets is
    /// caught at its next refill): if more than `crowdedLoad` entries per
    /// refill went through the near tier, caps the bucket width at the
    /// largest power of two that would have brought them down to
    /// `targetLoad` per bucket — counting the empty buckets the window
    /// passed too, as the passages per unit of time are what a narrower
    /// width divides — and rebuilds the ring over all waiting entries with
    /// it, provided that at least as many entries went through the near
    /// tier since the last rebuild as are waiting, so that the rebuild is
    /// paid for. Requires an empty near tier.
    @usableFromInline
    mutating func learnTheBucketWidth() {
        let passages = tally.nearTierPassages
        let windowPassages = passages - passagesAtWindowStart
        // Both at least one: the window opened at an earlier refill of this
        // ring, and each refill moves at least one bucket.
        let windowRefills = tally.refills - refillsAtWindowStart
        let windowBuckets = nextBucket - bucketAtWindowStart
        openAWindow()
        guard windowPassages > Self.crowdedLoad * windowRefills, passages - passagesAtRingRebuild >= count else { return }
        // Each halving of the width halves the expected load.
        var shift = ringShift, load = windowPassages
        while shift > 0 && load > Self.targetLoad * windowBuckets {
            shift -= 1
            load >>= 1
        }
        guard shift < ringShift else { return }
        ringShiftCap = shift
        tally.bucketWidthNarrowings += 1
        rebuildTheRingOverAllWaitingEntries()
    }

    /// Starts a window of refills over which the near tier's load is
    /// measured. Not before the first bucket of a new ring has gone through
    /// the near tier: that near tier also took every push for before the
    /// ring's start (when the ring was spread from a heap, everything up to
    /// the bucket's end), so its passages would overstate the load of a
    /// bucket, and the new width would come out too narrow.
    @inlinable
    mutating func openAWindow() {
        passagesAtWindowStart = tally.nearTierPassages
        refillsAtWindowStart = tally.refills
        bucketAtWindowStart = nextBucket
        aWindowIsOpen = true
    }

    /// Before a rebuild over the far list (the ring has run empty): drops
    /// the learned cap if fewer entries went through the near tier since the
    /// last rebuild than this rebuild will walk. The narrow ring then covers
    /// too little time for the traffic (it has thinned out, or the far list
    /// is long), and the width follows the span of the entries again, whose
    /// rebuilds are amortised O(1) whatever the traffic.
    @usableFromInline
    mutating func dropTheLearnedBucketWidthIfRebuildsDoNotPay() {
        guard ringShiftCap != Self.noShiftCap, tally.nearTierPassages - passagesAtRingRebuild < farCount else { return }
        ringShiftCap = Self.noShiftCap
        tally.bucketWidthResets += 1
    }

    /// What the queue has done so far (see `EventQueueStatistics`). O(1).
    public var statistics: EventQueueStatistics {
        var result = tally
        result.pushes = pushesBeforeRenumbering + Int(nextSequence)
        return result
    }
}
