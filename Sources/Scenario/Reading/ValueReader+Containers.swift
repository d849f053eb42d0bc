/// Objects, arrays, and objects used as maps (`upstreams: { app: {...}, api: {...} }`).
extension ValueReader {
    /// Reads an object with `body`, then reports every key `body` did not ask for
    /// (see `ObjectReader`). When the value is not an object, that is reported
    /// and `body` still runs on an empty stand-in so a result comes back.
    public func object<Result>(_ body: (ObjectReader) -> Result) -> Result {
        let reader: ObjectReader
        switch value?.kind {
        case .object(let members)?:
            reader = ObjectReader(members: members, path: path, context: context, anchor: anchor, reportsMissing: true)
        default:
            refuse("must be an object")
            reader = ObjectReader(members: [], path: path, context: context, anchor: anchor, reportsMissing: false)
        }
        let result = body(reader)
        reader.reportUnknownKeys()
        return result
    }

    /// Reads each element with `element`, in order. `count` bounds the number of elements.
    public func array<Element>(
        count: some AllowedRange<Int> = Unbounded<Int>(), _ element: (ValueReader) -> Element
    ) -> [Element] {
        guard let value else { return [] }
        guard case .array(let elements) = value.kind else {
            refuse("must be an array")
            return []
        }
        if !count.contains(elements.count) {
            report("\(count.countRequirement("element", "elements")) (got \(elements.count))")
        }
        return elements.enumerated().map { index, item in
            element(ValueReader(value: item, path: path.appending(index: index), context: context, anchor: anchor))
        }
    }

    /// Reads an object whose keys are names the user chooses (upstream names,
    /// backend names): `entry` gets each name and its value, in file order. No key
    /// is "unknown" here. `count` bounds the number of entries.
    public func map<Entry>(
        count: some AllowedRange<Int> = Unbounded<Int>(), _ entry: (_ name: String, _ value: ValueReader) -> Entry
    ) -> [(name: String, value: Entry)] {
        guard let value else { return [] }
        guard case .object(let members) = value.kind else {
            refuse("must be an object")
            return []
        }
        if !count.contains(members.count) {
            report("\(count.countRequirement("entry", "entries")) (got \(members.count))")
        }
        return members.map { member in
            let reader = ValueReader(value: member.value, path: path.appending(key: member.key), context: context, anchor: anchor)
            return (member.key, entry(member.key, reader))
        }
    }
}
