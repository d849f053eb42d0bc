/// What an `EventQueue` has done so far: how its pushes were served and how
/// often it moved entries between its tiers (see `EventQueue`, "Layout").
/// For tests and tuning; reading it costs nothing, and counting it costs an
/// addition on paths that do far more work anyway.
public struct EventQueueStatistics: Equatable, Sendable {
    /// Every push.
    public var pushes: Int
    /// Pushes that went straight into the near tier (a heap or a run), not
    /// into a bucket or the far list. In heap mode, every push.
    public var pushesIntoTheNearTier: Int
    /// Times a bucket moved into the near tier (which had run empty, or
    /// was spread over a narrower ring).
    public var refills: Int
    /// Entries those refills moved from buckets into the near tier.
    public var entriesMovedIntoTheNearTier: Int
    /// Times the bucket ring was built or rebuilt.
    public var ringRebuilds: Int
    /// Entries those rebuilds walked: their cost, apart from resetting the
    /// buckets (two to four per entry walked).
    public var entriesScannedByRebuilds: Int
    /// Times the queue learned a narrower bucket width because its near
    /// tier was crowded (see `EventQueue`, "Bucket width").
    public var bucketWidthNarrowings: Int
    /// Times it dropped the learned width because rebuilds came too often
    /// for the pops between them to pay for them.
    public var bucketWidthResets: Int

    /// All zero: a new queue's.
    @inlinable
    init() {
        pushes = 0
        pushesIntoTheNearTier = 0
        refills = 0
        entriesMovedIntoTheNearTier = 0
        ringRebuilds = 0
        entriesScannedByRebuilds = 0
        bucketWidthNarrowings = 0
        bucketWidthResets = 0
    }

    /// Entries that went through the near tier: pushed into it, or moved in
    /// from a bucket. Every popped entry went through it once.
    @inlinable
    public var nearTierPassages: Int { pushesIntoTheNearTier &+ entriesMovedIntoTheNearTier }
}

extension EventQueue {
    /// What the queue has done so far. O(1).
    public var statistics: EventQueueStatistics {
        var result = tally
        result.pushes = pushesBeforeRenumbering + Int(nextSequence)
        return result
    }
}
