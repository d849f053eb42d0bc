/// A JSON5 number as written, with the values a reader needs.
///
/// `literal` keeps the text from the file (`0x1F`, `+.5`, `1e3`) so messages can
/// quote what the user wrote. `int64` is the exact value when it is an integer
/// that fits in `Int64`: exact from the digits for integer literals (decimal or
/// hex), and `Int64(exactly: double)` for literals with a fraction or exponent
/// (so `1e3` and `2.0` are integers, `1.5` is not). `double` is the nearest
/// `Double` (correctly rounded), `±infinity` for `Infinity` or out-of-range
/// literals, `nan` for `NaN`.
///
/// Equality compares values, not spelling: `0x10 == 16`, `1.0 == 1`; `-0` and `0`
/// differ (their doubles differ), all NaNs are equal.
public struct JSON5Number: Hashable, Sendable, CustomStringConvertible {
    public let literal: String
    public let int64: Int64?
    public let double: Double

    /// A number read from a file; the parser has already checked `literal`.
    init(literal: String, int64: Int64?, double: Double) {
        self.literal = literal
        self.int64 = int64
        self.double = double
    }

    /// An integer, spelled in decimal.
    public init(_ value: Int64) {
        self.init(literal: String(value), int64: value, double: Double(value))
    }

    public init(_ value: Int) { self.init(Int64(value)) }

    /// An unsigned 64-bit integer (a seed), spelled in decimal; `canonicalLiteral`
    /// keeps the digits of values beyond Int64, which a Double would round.
    public init(_ value: UInt64) {
        self.init(literal: String(value), int64: Int64(exactly: value), double: Double(value))
    }

    /// A double, spelled in its shortest round-trip form (`Infinity`, `-Infinity`, `NaN` for non-finite values).
    public init(_ value: Double) {
        self.init(literal: JSON5Number.canonicalLiteral(of: value), int64: Int64(exactly: value), double: value)
    }

    /// How the writer spells a number: integers as integers (`-0` keeps its sign),
    /// other values in Swift's shortest round-trip form, which is valid JSON5.
    public var canonicalLiteral: String {
        if let int64 {
            return int64 == 0 && double.sign == .minus ? "-0" : String(int64)
        }
        if let unsignedValue { return String(unsignedValue) }
        return JSON5Number.canonicalLiteral(of: double)
    }

    static func canonicalLiteral(of value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if let integer = Int64(exactly: value) {
            return integer == 0 && value.sign == .minus ? "-0" : String(integer)
        }
        return value.description
    }

    public static func == (lhs: JSON5Number, rhs: JSON5Number) -> Bool {
        if lhs.double.isNaN || rhs.double.isNaN { return lhs.double.isNaN && rhs.double.isNaN }
        // Integers beyond Int64 (64-bit seeds) differ by digits their doubles round away.
        if lhs.int64 == nil, rhs.int64 == nil, let a = lhs.unsignedValue, let b = rhs.unsignedValue { return a == b }
        return lhs.int64 == rhs.int64 && lhs.double.bitPattern == rhs.double.bitPattern
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(int64)
        hasher.combine(double.isNaN ? Double.nan.bitPattern : double.bitPattern)
    }

    /// The value of a decimal integer literal beyond Int64 that fits in UInt64 (a seed); nil otherwise.
    var unsignedValue: UInt64? {
        guard int64 == nil else { return nil }
        return UInt64(literal.hasPrefix("+") ? String(literal.dropFirst()) : literal)
    }

    /// The literal as written.
    public var description: String { literal }
}
