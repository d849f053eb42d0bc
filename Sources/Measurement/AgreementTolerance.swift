/// How far a measured value may lie from the simulated one and still agree:
/// |measured - simulated| <= max(relative x |simulated|, absolute). A share
/// (new connections per request) takes an absolute bound; a rate or a
/// latency, a relative one.
public struct AgreementTolerance: Equatable, Sendable, CustomStringConvertible {
    public var relative: Double
    public var absolute: Double

    public init(relative: Double = 0, absolute: Double = 0) {
        self.relative = relative
        self.absolute = absolute
    }

    public static func relative(_ fraction: Double) -> AgreementTolerance { AgreementTolerance(relative: fraction) }
    public static func absolute(_ amount: Double) -> AgreementTolerance { AgreementTolerance(absolute: amount) }

    public func accepts(simulated: Double, measured: Double) -> Bool {
        abs(measured - simulated) <= max(relative * abs(simulated), absolute)
    }

    /// `±15%`, `±0.1`, or `±15% or 0.1`.
    public var description: String {
        let percent = relative > 0 ? Self.trimmed(relative * 100) + "%" : nil
        let amount = absolute > 0 || percent == nil ? Self.trimmed(absolute) : nil
        return "±" + [percent, amount].compactMap { $0 }.joined(separator: " or ")
    }

    /// Up to 6 decimals without trailing zeros: `0.1`, `15`, `0.001`.
    private static func trimmed(_ value: Double) -> String {
        var text = NumberText.fixed(value, fractionDigits: 6) ?? "-"
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
