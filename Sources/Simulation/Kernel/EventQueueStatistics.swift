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
    /// Times the near tier ran empty and a bucket moved into it.
    public var refills: Int
    /// Entries those refills moved from buckets into the near tier.
    public var entriesMovedIntoTheNearTier: Int
    /// Times the bucket ring was built or rebuilt.
    public var ringRebuilds: Int
    /// Entries those rebuilds walked: their total cost.
    public var entriesScannedByRebuilds: Int
    /// Times the queue learned a narrower bucket width because its near
    /// tier was crowded (see `EventQueue`, "Bucket width").
    public var bucketWidthNarrowings: Int
    /// Times it dropped the learned width because rebuilds came too often
    /// for the pops between them to pay for them.
    public var bucketWidthResets: Int

    @inlinable
    public init(pushes: Int = 0, pushesIntoTheNearTier: Int = 0, refills: Int = 0, entriesMovedIntoTheNearTier: Int = 0,
                ringRebuilds: Int = 0, entriesScannedByRebuilds: Int = 0, bucketWidthNarrowings: Int = 0,
                bucketWidthResets: Int = 0) {
        self.pushes = pushes
        self.pushesIntoTheNearTier = pushesIntoTheNearTier
        self.refills = refills
        self.entriesMovedIntoTheNearTier = entriesMovedIntoTheNearTier
        self.ringRebuilds = ringRebuilds
        self.entriesScannedByRebuilds = entriesScannedByRebuilds
        self.bucketWidthNarrowings = bucketWidthNarrowings
        self.bucketWidthResets = bucketWidthResets
    }

    /// Entries that went through the near tier: pushed into it, or moved in
    /// from a bucket. Every popped entry went through it once.
    @inlinable
    public var nearTierPassages: Int { pushesIntoTheNearTier + entriesMovedIntoTheNearTier }
}
