#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RandomStream {
    /// A draw from the exponential distribution with mean 1, by the ziggurat
    /// method (Marsaglia and Tsang 2000; tables in `ExponentialZiggurat`).
    ///
    /// Why not `-log(u)`: the logarithm was a tenth of the kernel
    /// benchmark's time. Here one 64-bit number gives a layer (its low 8
    /// bits) and a uniform `u` (its top 53 bits); `x = u * x[layer]` lies
    /// inside the layer's rectangle, and is returned as it is, about 98.9%
    /// of the time, with one multiply and one compare. Otherwise `x` is in
    /// the layer's wedge (accepted if a second uniform falls under the
    /// density) or, for the base layer, the sample comes from the tail
    /// `r + Exp(1)`; a rejection starts over with fresh numbers. The result
    /// is exactly exponentially distributed (up to the 53-bit grid of `u`).
    ///
    /// Numbers consumed: one in about 98.9% of draws, more otherwise; the
    /// count depends only on the stream, so two runs that differ only in a
    /// mean still draw in step.
    @inlinable
    public mutating func nextStandardExponential() -> Double {
        let bits = next()
        let layer = Int(truncatingIfNeeded: bits & 0xFF)
        let x = Double(bits >> 11) * 0x1.0p-53 * ExponentialZiggurat.x[layer]
        if x < ExponentialZiggurat.x[layer &+ 1] { return x }
        return standardExponentialOutsideTheRectangles(layer: layer, x: x)
    }

    /// The rare cases of `nextStandardExponential`: the base layer's tail,
    /// a wedge, or a rejection.
    @usableFromInline
    mutating func standardExponentialOutsideTheRectangles(layer: Int, x: Double) -> Double {
        var layer = layer, x = x
        while true {
            if layer == 0 {
                // Beyond r the exponential is memoryless: r + Exp(1).
                return ExponentialZiggurat.tailStart - log(nextOpenUnitInterval())
            }
            // A point uniform in the wedge's bounding box: under the density?
            let low = ExponentialZiggurat.f[layer], high = ExponentialZiggurat.f[layer + 1]
            if high - (high - low) * nextUnitInterval() < exp(-x) { return x }
            // Rejected: start over.
            let bits = next()
            layer = Int(truncatingIfNeeded: bits & 0xFF)
            x = Double(bits >> 11) * 0x1.0p-53 * ExponentialZiggurat.x[layer]
            if x < ExponentialZiggurat.x[layer + 1] { return x }
        }
    }
}
