import Foundation
import Measurement

/// One axis of a chart: the data range mapped onto pixels, with ticks at
/// round numbers (1, 2 or 5 times a power of ten), or at the data values
/// themselves on a logarithmic axis (a sweep of 1, 2, 4, ..., 64).
struct ChartAxis {
    enum Scale { case linear, logarithmic }

    var low: Double
    var high: Double
    var scale: Scale
    /// Pixel positions of `low` and `high`.
    var pixelLow: Double
    var pixelHigh: Double
    var ticks: [(value: Double, label: String)]

    /// The position of `value` in pixels. On a logarithmic axis a value
    /// below its low end (0, a confidence band reaching below 0) is drawn at the low end.
    func pixel(_ value: Double) -> Double {
        let fraction: Double
        switch scale {
        case .linear: fraction = high > low ? (value - low) / (high - low) : 0.5
        case .logarithmic:
            fraction = high > low ? (log2(max(value, low)) - log2(low)) / (log2(high) - log2(low)) : 0.5
        }
        return pixelLow + fraction * (pixelHigh - pixelLow)
    }

    /// A linear axis over `values`, widened to round tick values; with
    /// `fromZero`, from zero when the data are positive and zero is not far
    /// away (so small differences are not blown up).
    static func linear(covering values: [Double], pixels: (Double, Double), approximateTicks: Int = 5,
                       fromZero: Bool = true) -> ChartAxis {
        var low = values.min() ?? 0, high = values.max() ?? 1
        if fromZero, low >= 0, low < 0.3 * high { low = 0 }
        if high == low {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= low == 0 ? 0 : pad
            high += pad
        }
        let step = niceStep((high - low) / Double(approximateTicks))
        low = (low / step).rounded(.down) * step
        high = (high / step).rounded(.up) * step
        let decimals = max(0, Int(-log10(step).rounded(.down)))
        var ticks: [(Double, String)] = []
        var index = 0.0
        while low + index * step <= high + step * 1e-9 {
            let value = low + index * step
            ticks.append((value, NumberText.fixed(value, fractionDigits: decimals) ?? ""))
            index += 1
        }
        return ChartAxis(low: low, high: high, scale: .linear, pixelLow: pixels.0, pixelHigh: pixels.1, ticks: ticks)
    }

    /// A logarithmic axis (base 2) with ticks at the given values and labels.
    static func logarithmic(ticks: [(value: Double, label: String)], pixels: (Double, Double)) -> ChartAxis {
        let values = ticks.map(\.value)
        return ChartAxis(low: values.min() ?? 1, high: values.max() ?? 2, scale: .logarithmic, pixelLow: pixels.0,
                         pixelHigh: pixels.1, ticks: ticks)
    }

    /// A logarithmic axis from the power of ten at or below the smallest
    /// positive value to the one at or above the largest, with a tick at
    /// each power of ten (and at 2 and 5 times it when that makes one decade
    /// only). Values at or below 0 have no place on it: nil when none is positive.
    static func decades(covering values: [Double], pixels: (Double, Double)) -> ChartAxis? {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard let smallest = positive.min(), let largest = positive.max() else { return nil }
        var lowExponent = Int(log10(smallest).rounded(.down))
        var highExponent = Int(log10(largest).rounded(.up))
        if highExponent == lowExponent { highExponent += 1 }
        // Bounded: doubles span about 630 decades; no chart needs more than 30.
        lowExponent = max(lowExponent, highExponent - 30)
        var ticks: [(Double, String)] = []
        let multiples: [Double] = highExponent - lowExponent == 1 ? [1, 2, 5] : [1]
        for exponent in lowExponent...highExponent {
            for multiple in multiples where exponent < highExponent || multiple == 1 {
                let value = multiple * pow(10, Double(exponent))
                ticks.append((value, NumberText.fixed(value, fractionDigits: max(0, -exponent)) ?? ""))
            }
        }
        return ChartAxis(low: pow(10, Double(lowExponent)), high: pow(10, Double(highExponent)), scale: .logarithmic,
                         pixelLow: pixels.0, pixelHigh: pixels.1, ticks: ticks)
    }

    /// 1, 2 or 5 times a power of ten, at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, log10(rough).rounded(.down))
        for multiple in [1.0, 2, 5, 10] where multiple * power >= rough * (1 - 1e-9) { return multiple * power }
        return 10 * power
    }
}
