/// Number formatting for reports, without Foundation's `String(format:)`,
/// whose output depends on the locale: reports must be byte-identical everywhere.
public enum NumberText {
    /// `value` with exactly `fractionDigits` decimals, rounded half away from zero: `1.500`.
    /// Nil for infinities and NaN, which have no decimal form (JSON writes `null`).
    public static func fixed(_ value: Double, fractionDigits: Int) -> String? {
        guard value.isFinite else { return nil }
        var scale: Double = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded()
        // Beyond UInt64 there is no exact integer form; Swift's shortest representation is fine there.
        guard scaled < 1.8e19 else { return value.description }
        let digits = UInt64(scaled)
        let divisor = UInt64(scale)
        let sign = value < 0 && digits != 0 ? "-" : ""
        guard fractionDigits > 0 else { return sign + String(digits) }
        var fraction = String(digits % divisor)
        while fraction.count < fractionDigits { fraction = "0" + fraction }
        return sign + String(digits / divisor) + "." + fraction
    }

    /// `fixed`, or `missing` when there is no value or it is not finite: table cells.
    public static func fixed(_ value: Double?, fractionDigits: Int, missing: String) -> String {
        value.flatMap { fixed($0, fractionDigits: fractionDigits) } ?? missing
    }

    /// A share 0...1 as a percentage with `fractionDigits` decimals: `98.8%`.
    public static func percent(_ fraction: Double, fractionDigits: Int = 1) -> String {
        (fixed(fraction * 100, fractionDigits: fractionDigits) ?? "-") + "%"
    }

    /// An integer with a comma every three digits, for people: `28,232`.
    public static func grouped(_ value: some BinaryInteger) -> String {
        let digits = String(value.magnitude)
        var result = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }

    /// `0x` and sixteen lowercase hexadecimal digits: fingerprints.
    public static func hexadecimal(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Nanoseconds as milliseconds with `fractionDigits` (0...6) decimals, computed
    /// on integers so that no floating-point rounding can differ: `12.346`.
    public static func milliseconds(nanoseconds: Int64, fractionDigits: Int = 3) -> String {
        precondition((0...6).contains(fractionDigits), "milliseconds have at most 6 decimals in nanoseconds")
        var step: UInt64 = 1  // nanoseconds per last printed digit
        for _ in fractionDigits..<6 { step *= 10 }
        let units = (nanoseconds.magnitude + step / 2) / step  // half away from zero
        var divisor: UInt64 = 1
        for _ in 0..<fractionDigits { divisor *= 10 }
        let sign = nanoseconds < 0 && units != 0 ? "-" : ""
        guard fractionDigits > 0 else { return sign + String(units) }
        var fraction = String(units % divisor)
        while fraction.count < fractionDigits { fraction = "0" + fraction }
        return sign + String(units / divisor) + "." + fraction
    }
}
