/// Learning the bucket width from the traffic through the near tier (see
/// `EventQueue`, "Bucket width"): narrower buckets when more entries go
/// through the near tier per bucket width of time than a short run holds,
/// and the width from the span of the entries again when the narrow ring
/// has to be rebuilt more often than the pops can pay for.
extension EventQueue {
    /// `ringShiftCap` when there is no cap: above every possible shift.
    @inlinable static var noShiftCap: UInt64 { 64 }
    /// Entries through the near tier between two looks at its load: enough
    /// for a steady estimate of their rate, few enough to react soon.
    @inlinable static var learningSample: Int { 512 }
    /// Entries per bucket width of time above which the buckets are too
    /// wide: the near tier is a heap (longer than `runLimit`).
    @inlinable static var crowdedLoad: UInt128 { 32 }
    /// Entries per bucket width that a narrowed width aims for: a short run.
    @inlinable static var targetLoad: UInt128 { 8 }

    /// True when the near tier's load is due to be looked at: a ring is
    /// built and `learningSample` entries went through the near tier since
    /// the last look (or none was taken since the ring was built).
    @inlinable @inline(__always)
    var aLookAtTheNearTierIsDue: Bool {
        bucketCount > 0 && (!aSampleIsOpen || tally.nearTierPassages &- passagesAtSampleStart >= Self.learningSample)
    }

    /// Looks at the near tier's load at virtual time `now` (a sortable time:
    /// the popped entry's, or the near tier's earliest): the entries that
    /// went through it since the last look, per bucket width of the time
    /// between the looks. If that exceeds `crowdedLoad`, caps the width at
    /// the largest power of two that brings it down to `targetLoad`, and
    /// spreads every entry — the near tier's too — over a new ring with it,
    /// provided that at least as many entries went through the near tier
    /// since the last rebuild as are queued, so that the rebuild is paid
    /// for. Returns whether it did (then the near tier holds the new ring's
    /// first bucket). Either way a new sample starts.
    @usableFromInline
    mutating func lookAtTheNearTier(now: UInt64) -> Bool {
        let passages = tally.nearTierPassages
        let sampleWasOpen = aSampleIsOpen
        let sample = UInt128(passages &- passagesAtSampleStart)
        // Times are not monotonic here (the near tier's earliest entry may
        // be later than the present), so a negative span counts as none.
        let span = UInt128(now > timeAtSampleStart ? now &- timeAtSampleStart : 0)
        openASample(now: now)
        // (Entries all at one instant are not spread by any width.)
        guard sampleWasOpen, span > 0, sample << ringShift > Self.crowdedLoad * span,
              count > 0, passages &- passagesAtRingRebuild >= count else { return false }
        // The widest buckets of at most `targetLoad` entries (each halving
        // of the width halves the load).
        var shift = ringShift
        while shift > 0 && sample << shift > Self.targetLoad * span { shift -= 1 }
        guard shift < ringShift else { return false }
        ringShiftCap = shift
        tally.bucketWidthNarrowings += 1
        spreadEveryEntryOverANewRing()
        return true
    }

    /// Starts a sample of the near tier's traffic at `now`.
    @inlinable
    mutating func openASample(now: UInt64) {
        passagesAtSampleStart = tally.nearTierPassages
        timeAtSampleStart = now
        aSampleIsOpen = true
    }

    /// Before a rebuild over the far list (the ring has run empty): drops
    /// the learned cap if fewer entries went through the near tier since the
    /// last rebuild than this rebuild will walk. The narrow ring then covers
    /// too little time for the traffic (it has thinned out, or the far list
    /// is long), and the width follows the span of the entries again, whose
    /// rebuilds are amortised O(1) whatever the traffic.
    @usableFromInline
    mutating func dropTheLearnedBucketWidthIfRebuildsDoNotPay() {
        guard ringShiftCap != Self.noShiftCap, tally.nearTierPassages &- passagesAtRingRebuild < farCount else { return }
        ringShiftCap = Self.noShiftCap
        tally.bucketWidthResets += 1
    }

    /// Moves every entry — those of the near tier too — to the far list,
    /// builds a new ring over them, and moves its first bucket into the near
    /// tier. O(n + buckets). Requires a non-empty queue.
    @usableFromInline
    mutating func spreadEveryEntryOverANewRing() {
        if earliestIsVacant { removeTheVacantKey() }
        let near = storage.nearKeys
        for i in 0..<nearKeyCount { moveToTheFarList(near[i], slot: EventQueueKey.slot(of: near[i])) }
        nearKeyCount = 0
        rebuildTheRingOverAllWaitingEntries()
        tally.refills &+= 1
        moveTheNextBucketIntoTheNearTier()
    }
}
