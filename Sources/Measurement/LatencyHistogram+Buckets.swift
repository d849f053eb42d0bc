extension LatencyHistogram {
    /// The buckets holding at least one value, in increasing value order.
    public var nonEmptyBuckets: NonEmptyBuckets { NonEmptyBuckets(histogram: self) }

    /// A lazy walk over the non-empty buckets of a histogram.
    public struct NonEmptyBuckets: Sequence, Sendable {
        let histogram: LatencyHistogram

        public func makeIterator() -> Iterator { Iterator(histogram: histogram) }

        public struct Iterator: IteratorProtocol, Sendable {
            let histogram: LatencyHistogram
            var nextIndex = 0

            init(histogram: LatencyHistogram) { self.histogram = histogram }

            public mutating func next() -> HistogramBucket? {
                let counts = histogram.bucketCounts
                while nextIndex < counts.count {
                    let index = nextIndex
                    nextIndex += 1
                    guard counts[index] > 0 else { continue }
                    let layout = histogram.layout
                    return HistogramBucket(
                        lowerBound: layout.lowerBound(ofBucket: index),
                        upperBound: layout.upperBound(ofBucket: index),
                        count: counts[index]
                    )
                }
                return nil
            }
        }
    }
}
