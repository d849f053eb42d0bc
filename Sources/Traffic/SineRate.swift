#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// mean * (1 + amplitude * sin(2π t / period + phase)) with amplitude in
/// (0, 1]: the normal form of a `diurnal` pattern, with its integral in
/// closed form and the inverse of that integral found numerically.
///
/// Offsets are nanoseconds since the start of a period; "work" is the
/// expected number of events, the integral of the rate.
struct SineRate: Sendable {
    let mean: Double
    let amplitude: Double
    /// Nanoseconds (> 0).
    let period: Int64
    let phase: Double

    var periodSeconds: Double { Double(period) / 1e9 }
    /// The expected number of events in one period.
    var work: Double { mean * periodSeconds }

    func rate(atOffset offset: Int64) -> Double { rate(atSeconds: Double(offset) / 1e9) }

    func work(atOffset offset: Int64) -> Double { work(atSeconds: Double(offset) / 1e9) }

    func rate(atSeconds x: Double) -> Double {
        max(0, mean * (1 + amplitude * sin(2 * Double.pi * x / periodSeconds + phase)))
    }

    /// ∫₀ˣ rate: mean * (x + amplitude * P / 2π * (cos φ - cos(2π x / P + φ))).
    func work(atSeconds x: Double) -> Double {
        let p = periodSeconds
        return mean * (x + amplitude * p / (2 * Double.pi) * (cos(phase) - cos(2 * Double.pi * x / p + phase)))
    }

    /// The offset at which the expected number of events since the period
    /// start reaches `work` (0 < work <= self.work), no earlier than
    /// `earliest` (an offset where the integral is known to be below
    /// `work`, such as the previous arrival's: starting there, Newton's
    /// method needs two or three steps instead of ten).
    ///
    /// The integral is increasing (the rate is positive but at one point at
    /// most), so Newton's method kept inside a shrinking bracket, falling
    /// back to bisection when a step leaves the bracket or slows down,
    /// converges; "rtsafe" in Press et al., Numerical Recipes, 9.4. At most
    /// 200 iterations: bisection alone gets from 292 years to 0.1 ns in 67.
    func offset(atWork work: Double, notBefore earliest: Int64 = 0) -> Int64 {
        let tolerance = 1e-10  // seconds
        var low = Double(min(period, max(0, earliest))) / 1e9, high = periodSeconds
        var x = low
        var step = high - low, previousStep = step
        var f = self.work(atSeconds: x) - work
        for _ in 0..<200 {
            guard f != 0 else { break }  // exact: a Newton step would stay put and fail the range test
            if f < 0 { low = x } else { high = x }
            let slope = rate(atSeconds: x)
            let newton = x - f / slope  // NaN or ±infinity when slope is 0: fails the tests below
            // Converged: the correction is below the tolerance (or below the
            // Double's resolution at x, which the range test would refuse).
            if abs(newton - x) < tolerance { x = min(high, max(low, newton)); break }
            if !(newton > low && newton < high) || abs(2 * f) > abs(previousStep * slope) {
                previousStep = step
                step = (high - low) / 2
                x = low + step
            } else {
                previousStep = step
                step = x - newton
                x = newton
            }
            if abs(step) < tolerance || high - low < tolerance { break }
            f = self.work(atSeconds: x) - work
        }
        let nanoseconds = (x * 1e9).rounded()
        return nanoseconds >= Double(period) ? period : Int64(max(0, nanoseconds))
    }
}
