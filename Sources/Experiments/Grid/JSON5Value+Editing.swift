import Scenario

/// Editing a model's value tree at a path: how a sweep applies one grid point
/// to the model file before the loader checks and reads it.
extension JSON5Value {
    /// The value at `path`; nil when some part of the path is absent.
    public func value(at path: FieldPath) -> JSON5Value? {
        var current = self
        for component in path.components {
            switch (component, current.kind) {
            case (.key(let key), .object):
                guard let next = current[key] else { return nil }
                current = next
            case (.index(let index), .array(let elements)) where elements.indices.contains(index):
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// This tree with `value` at `path`. Missing objects along the way are
    /// created (`nginx.upstreams.api.keepalive` in a model that writes no
    /// `keepalive`); whether the schema allows the key is the loader's to say.
    /// Arrays are not grown: an index must exist.
    public func setting(_ value: JSON5Value, at path: FieldPath) throws(ExperimentError) -> JSON5Value {
        try setting(value, at: path.components[...], walked: .root)
    }

    private func setting(_ value: JSON5Value, at rest: ArraySlice<FieldPath.Component>, walked: FieldPath) throws(ExperimentError) -> JSON5Value {
        guard let component = rest.first else { return value }
        let remaining = rest.dropFirst()
        switch (component, kind) {
        case (.key(let key), .object(var members)):
            let child = walked.appending(key: key)
            if let position = members.firstIndex(where: { $0.key == key }) {
                members[position].value = try members[position].value.setting(value, at: remaining, walked: child)
            } else {
                let empty = JSON5Value(.object([]))
                members.append(JSON5Member(key: key, value: try empty.setting(value, at: remaining, walked: child)))
            }
            return JSON5Value(.object(members), at: location)
        case (.index(let index), .array(var elements)):
            guard elements.indices.contains(index) else {
                throw ExperimentError("\(walked.appending(index: index)): \(walked) has \(elements.count) "
                    + "element\(elements.count == 1 ? "" : "s") (indices 0 to \(elements.count - 1))")
            }
            elements[index] = try elements[index].setting(value, at: remaining, walked: walked.appending(index: index))
            return JSON5Value(.array(elements), at: location)
        case (.key(let key), .array):
            throw ExperimentError("\(walked) is an array, so it has no key '\(key)'; address an element by its index, e.g. \(walked)[0]")
        case (.index(let index), _):
            throw ExperimentError("\(walked) is \(kindDescription), not an array, so it has no element [\(index)]")
        case (.key(let key), _):
            throw ExperimentError("\(walked) is \(kindDescription), not an object, so it has no key '\(key)'")
        }
    }
}
