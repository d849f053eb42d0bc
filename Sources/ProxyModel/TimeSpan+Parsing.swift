/// Human durations: `250ms`, `1.5s`, `75s`, `1h`, `40us`, `1h30m`.
///
/// Grammar: one or more groups of `number unit`, largest unit first, no
/// spaces, no sign. `number` is decimal digits with an optional fraction
/// (`1.5`); `unit` is one of `ns`, `us` (or `µs`), `ms`, `s`, `m`, `h`, `d`.
/// A fraction finer than a nanosecond rounds to the nearest nanosecond.
/// A bare number is accepted only where the caller names a default unit —
/// nginx.conf reads `keepalive_timeout 65` as seconds, model files do not.
extension TimeSpan {
    /// Why a duration string was refused. `description` says what is accepted.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var input: String
        public var problem: String

        public var description: String {
            "invalid duration \(QuotedInput.shortened(input)): \(problem); expected a non-negative number with a unit "
                + "(ns, us, ms, s, m, h, d), e.g. 250ms, 1.5s, 75s, 1h30m"
        }
    }

    /// Units in the order a compound duration must use them (largest first).
    @usableFromInline
    static let units: [(name: String, nanoseconds: Int64)] = [
        ("d", 86_400_000_000_000), ("h", 3_600_000_000_000), ("m", 60_000_000_000),
        ("s", 1_000_000_000), ("ms", 1_000_000), ("us", 1_000), ("µs", 1_000), ("ns", 1),
    ]

    /// Parses a human duration; throws `ParseError` naming the problem.
    /// - Parameter defaultUnit: unit for a bare number (`"65"`), e.g. `"s"` for nginx.conf;
    ///   `nil` (the default) refuses bare numbers.
    public init(parsing text: String, defaultUnit: String? = nil) throws(ParseError) {
        func fail(_ problem: String) -> ParseError { ParseError(input: text, problem: problem) }
        let chars = Array(text.unicodeScalars)
        if chars.isEmpty { throw fail("it is empty") }
        var index = 0
        var total: Int64 = 0
        var previousUnitSize: Int64 = .max
        while index < chars.count {
            // The number: digits, optional '.' and digits.
            if chars[index] == "-" { throw fail("it is negative") }
            if chars[index] == "+" { throw fail("a sign is not allowed") }
            var whole: Int64 = 0
            var fractionDigits: [Int64] = []
            var sawDigit = false
            while index < chars.count, let d = Self.digit(chars[index]) {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { throw fail("it is too large (the limit is about 292 years)") }
                whole = a; sawDigit = true; index += 1
            }
            if index < chars.count, chars[index] == "." {
                index += 1
                while index < chars.count, let d = Self.digit(chars[index]) {
                    if fractionDigits.count < 18 { fractionDigits.append(d) }
                    sawDigit = true; index += 1
                }
            }
            if !sawDigit {
                let rest = String(String.UnicodeScalarView(chars[index...]))
                throw fail(rest.first == " " ? "it contains a space" : "\(QuotedInput.shortened(rest)) is not a number")
            }
            // The unit: the longest run of letters.
            var unitEnd = index
            while unitEnd < chars.count, Self.isUnitLetter(chars[unitEnd]) { unitEnd += 1 }
            let unitName = String(String.UnicodeScalarView(chars[index..<unitEnd]))
            let unitSize: Int64
            if unitName.isEmpty {
                if unitEnd < chars.count {
                    let rest = String(String.UnicodeScalarView(chars[unitEnd...]))
                    throw fail(rest.first == " " ? "it contains a space" : "unexpected \(QuotedInput.shortened(rest))")
                }
                guard let defaultUnit, let size = Self.units.first(where: { $0.name == defaultUnit })?.nanoseconds,
                      total == 0, previousUnitSize == .max
                else { throw fail("the number has no unit") }
                unitSize = size
            } else {
                guard let size = Self.units.first(where: { $0.name == unitName })?.nanoseconds else {
                    throw fail("unknown unit \(QuotedInput.shortened(unitName))")
                }
                unitSize = size
            }
            if unitSize >= previousUnitSize { throw fail("units of a compound duration must go from largest to smallest") }
            previousUnitSize = unitSize
            index = unitEnd
            // value = whole * unit + fraction * unit, the fraction rounded to the nearest nanosecond.
            let (wholeNs, o1) = whole.multipliedReportingOverflow(by: unitSize)
            if o1 { throw fail("it is too large (the limit is about 292 years)") }
            var fractionNs: Int64 = 0
            var scale = unitSize
            var remainderNumerator: Int64 = 0  // what is left below 1 ns, in units of (unitSize / 10^k)
            for d in fractionDigits {
                if scale % 10 == 0 {
                    scale /= 10
                    fractionNs += d * scale
                } else {
                    // Below one nanosecond: only the first such digit matters for rounding.
                    remainderNumerator = d * scale
                    break
                }
            }
            if remainderNumerator >= 5 { fractionNs += 1 }
            let (sum1, o2) = total.addingReportingOverflow(wholeNs)
            let (sum2, o3) = sum1.addingReportingOverflow(fractionNs)
            if o2 || o3 { throw fail("it is too large (the limit is about 292 years)") }
            total = sum2
        }
        self.init(nanoseconds: total)
    }

    @inlinable
    static func digit(_ c: Unicode.Scalar) -> Int64? {
        c.value >= 48 && c.value <= 57 ? Int64(c.value - 48) : nil
    }

    static func isUnitLetter(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 97 && c.value <= 122) || (c.value >= 65 && c.value <= 90) || c == "µ"
    }

    /// The canonical form: whole days, hours or minutes when exact (`2h`,
    /// `90m`); otherwise the largest of s, ms, us, ns not above the value,
    /// with as many decimals as the value needs (`1.5s`, `250ms`,
    /// `1.234567ms`, `40us`, `7ns`). `init(parsing:)` reads it back to the
    /// same value.
    public func formatted() -> String {
        let n = nanoseconds
        if n == 0 { return "0s" }
        if n < 0 { return "-" + TimeSpan(nanoseconds: n == .min ? .max : -n).formatted() }
        for (name, size) in [("d", Int64(86_400_000_000_000)), ("h", 3_600_000_000_000), ("m", 60_000_000_000)]
        where n % size == 0 {
            return "\(n / size)\(name)"
        }
        for (name, size, decimals) in [("s", Int64(1_000_000_000), 9), ("ms", 1_000_000, 6), ("us", 1_000, 3)]
        where n >= size {
            let whole = n / size
            var fraction = n % size
            if fraction == 0 { return "\(whole)\(name)" }
            var digits = decimals
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            let text = String(fraction)
            return "\(whole).\(String(repeating: "0", count: digits - text.count))\(text)\(name)"
        }
        return "\(n)ns"
    }
}
