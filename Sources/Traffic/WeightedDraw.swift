import Randomness

/// An index picked by relative weight with one uniform draw (none when there
/// is one choice): the simulator's URI draw and `trace generate`'s are this
/// one function, so a generated trace names the URIs a run would.
/// Weights are >= 0 and finite (the model loader checks); rounding that
/// leaves the draw just above the sum gives the last index.
public enum WeightedDraw {
    @inlinable
    public static func index(weights: [Double], total: Double, using random: inout RandomStream) -> Int {
        if weights.count <= 1 { return 0 }
        var x = random.nextUnitInterval() * total
        for (i, weight) in weights.enumerated() {
            if x < weight { return i }
            x -= weight
        }
        return weights.count - 1
    }
}
