extension LatencyHistogram {
    /// Adds every value recorded in `other`, exactly as if they had been
    /// recorded here: bucket counts, count, sum, min, max and clamped
    /// negatives all combine, so percentiles equal those of one histogram fed
    /// everything. Throws `.precisionMismatch` (and changes nothing) when
    /// the precisions differ, because the buckets would not line up.
    public mutating func merge(_ other: LatencyHistogram) throws(HistogramError) {
        guard other.layout == layout else {
            throw .precisionMismatch(receiver: layout.significantBits, other: other.layout.significantBits)
        }
        guard !other.isEmpty else { return }
        if other.bucketCounts.count > bucketCounts.count { growBuckets(toInclude: other.bucketCounts.count - 1) }
        bucketCounts.withUnsafeMutableBufferPointer { mine in
            other.bucketCounts.withUnsafeBufferPointer { theirs in
                for index in theirs.indices { mine[index] &+= theirs[index] }
            }
        }
        recordedCount &+= other.recordedCount
        recordedSum &+= other.recordedSum
        smallest = Swift.min(smallest, other.smallest)
        largest = Swift.max(largest, other.largest)
        negativesClamped &+= other.negativesClamped
    }
}
