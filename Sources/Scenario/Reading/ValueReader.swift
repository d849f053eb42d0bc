import ProxyModel

/// One value of a model being read: converts it to a Swift value, or reports
/// why it cannot and returns a stand-in so reading continues.
///
/// Every conversion (`integer`, `duration`, `object`, ...; see the `+Scalars`
/// and `+Containers` files) returns a value even when it reported a problem:
/// the whole read then throws `Diagnostics`, so a stand-in never escapes.
/// `ObjectReader` hands these out for fields; `array` and `map` for elements.
public struct ValueReader {
    /// The value, or nil when it is missing and that was already reported
    /// (a missing required field): conversions then return stand-ins silently.
    public let value: JSON5Value?
    public let path: FieldPath
    let context: ReadContext
    /// Where problems are reported: the value, or for a missing value the nearest enclosing object.
    let anchor: SourceLocation?

    init(value: JSON5Value?, path: FieldPath, context: ReadContext, anchor: SourceLocation?) {
        self.value = value
        self.path = path
        self.context = context
        self.anchor = value?.location ?? anchor
    }

    /// Where the value starts in the file.
    public var location: SourceLocation? { value?.location }

    /// True for an explicit `null`.
    public var isNull: Bool { value?.kind == .null }

    /// Reports a problem with this value, e.g. a check that involves other fields.
    public func report(_ message: String) {
        context.report(message, at: anchor, path: path)
    }

    /// Reports "must be X (got Y)". Missing values (already reported) report nothing.
    func refuse(_ requirement: String) {
        guard let value else { return }
        report("\(requirement) (got \(value.gotText))")
    }
}

extension JSON5Value {
    /// The value as quoted in "(got ...)": numbers as written, strings quoted and
    /// shortened, containers by kind.
    var gotText: String {
        switch kind {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let number): return QuotedInput.cut(number.literal)
        case .string(let string):
            let limit = 40
            guard string.unicodeScalars.count > limit else { return JSON5Writer.quoted(string) }
            return JSON5Writer.quoted(String(String.UnicodeScalarView(string.unicodeScalars.prefix(limit))) + "...")
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
