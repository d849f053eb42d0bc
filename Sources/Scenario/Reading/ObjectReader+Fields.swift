import ProxyModel

/// Typed fields, each in two forms: with `default:` (used when the key is not
/// written) and without (the field is required). A value of the wrong type or
/// out of range is reported and the default (or a stand-in) is returned.
///
/// Optional fields without a default: `object.field("key")?.integer()`.
extension ObjectReader {
    public func integer(_ key: String, default defaultValue: Int, in bounds: some AllowedRange<Int> = Unbounded<Int>()) -> Int {
        field(key)?.integer(in: bounds, otherwise: defaultValue) ?? defaultValue
    }

    public func integer(_ key: String, in bounds: some AllowedRange<Int> = Unbounded<Int>()) -> Int {
        required(key).integer(in: bounds)
    }

    /// An integer from 0 to 2^64-1 (a seed).
    public func unsignedInteger64(_ key: String, default defaultValue: UInt64) -> UInt64 {
        field(key)?.unsignedInteger64(otherwise: defaultValue) ?? defaultValue
    }

    public func double(_ key: String, default defaultValue: Double, in bounds: some AllowedRange<Double> = Unbounded<Double>()) -> Double {
        field(key)?.double(in: bounds, otherwise: defaultValue) ?? defaultValue
    }

    public func double(_ key: String, in bounds: some AllowedRange<Double> = Unbounded<Double>()) -> Double {
        required(key).double(in: bounds)
    }

    public func bool(_ key: String, default defaultValue: Bool) -> Bool {
        field(key)?.bool(otherwise: defaultValue) ?? defaultValue
    }

    public func bool(_ key: String) -> Bool { required(key).bool() }

    public func string(_ key: String, default defaultValue: String) -> String {
        field(key)?.string(otherwise: defaultValue) ?? defaultValue
    }

    public func string(_ key: String) -> String { required(key).string() }

    public func string(_ key: String, default defaultValue: String, oneOf options: [String]) -> String {
        field(key)?.string(oneOf: options, otherwise: defaultValue) ?? defaultValue
    }

    public func string(_ key: String, oneOf options: [String]) -> String { required(key).string(oneOf: options) }

    /// A case of a string enumeration: `object.choice("format", default: OutputFormat.table)`.
    public func choice<Choice: CaseIterable & RawRepresentable>(_ key: String, default defaultValue: Choice) -> Choice
    where Choice.RawValue == String {
        field(key)?.choice(Choice.self, otherwise: defaultValue) ?? defaultValue
    }

    public func choice<Choice: CaseIterable & RawRepresentable>(_ key: String, as type: Choice.Type) -> Choice
    where Choice.RawValue == String {
        required(key).choice(type)
    }

    public func duration(
        _ key: String, default defaultValue: TimeSpan, in bounds: some AllowedRange<TimeSpan> = Unbounded<TimeSpan>()
    ) -> TimeSpan {
        field(key)?.duration(in: bounds, otherwise: defaultValue) ?? defaultValue
    }

    public func duration(_ key: String, in bounds: some AllowedRange<TimeSpan> = Unbounded<TimeSpan>()) -> TimeSpan {
        required(key).duration(in: bounds)
    }

    /// A nested object. An absent one reads as `{}`, so its fields' defaults apply
    /// (and its required fields are reported missing). To require the object
    /// itself: `required(key).object { ... }`; to tell absence apart: `field(key)?.object { ... }`.
    public func object<Result>(_ key: String, _ body: (ObjectReader) -> Result) -> Result {
        if let reader = field(key) { return reader.object(body) }
        return body(absentObject(key))
    }

    /// An array; absent reads as `[]`, which is reported when `count` needs elements.
    public func array<Element>(
        _ key: String, count: some AllowedRange<Int> = Unbounded<Int>(), _ element: (ValueReader) -> Element
    ) -> [Element] {
        if let reader = field(key) { return reader.array(count: count, element) }
        reportAbsent(key, ifCountNeedsAtLeastOne: count, "element", "elements")
        return []
    }

    /// An object used as a map from user-chosen names, in file order; absent reads as `{}`.
    public func map<Entry>(
        _ key: String, count: some AllowedRange<Int> = Unbounded<Int>(),
        _ entry: (_ name: String, _ value: ValueReader) -> Entry
    ) -> [(name: String, value: Entry)] {
        if let reader = field(key) { return reader.map(count: count, entry) }
        reportAbsent(key, ifCountNeedsAtLeastOne: count, "entry", "entries")
        return []
    }

    /// An absent array or map reads as empty, which is a problem only when `count` needs elements.
    private func reportAbsent(_ key: String, ifCountNeedsAtLeastOne count: some AllowedRange<Int>, _ singular: String, _ plural: String) {
        guard !count.contains(0), reportsMissing else { return }
        context.report("is required but missing (\(count.countRequirement(singular, plural)))", at: anchor, path: path.appending(key: key))
    }
}
