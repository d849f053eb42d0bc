/// Number formatting for reports, without Foundation's `String(format:)`.
enum NumberText {
    /// `value` with exactly `fractionDigits` decimals, rounded half away from zero: `1.500`.
    /// Nil for infinities and NaN, which have no decimal form (JSON writes `null`).
    static func fixed(_ value: Double, fractionDigits: Int) -> String? {
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

    /// `0x` and sixteen lowercase hexadecimal digits: fingerprints.
    static func hexadecimal(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }
}
