/// Reading patterns the scenario schema uses in several sections.
extension ObjectReader {
    /// Of `keys`, the one this object writes, for objects that name their kind by
    /// their only key (`{ exponential: { mean: "5ms" } }`, `{ steps: [...] }`).
    /// Reports an empty object and an object with several of the keys; an
    /// object with only unknown keys is left to the unknown-key report.
    func soleKey(among keys: [String], what: String) -> (key: String, value: ValueReader)? {
        let written = keys.compactMap { key in field(key).map { (key: key, value: $0) } }
        if written.count > 1 {
            report("\(what) takes exactly one of \(keys.joined(separator: ", ")) (got \(written.map(\.key).joined(separator: " and ")))")
        } else if written.isEmpty, self.keys.isEmpty, reportsMissing {
            report("\(what) must name one of: \(keys.joined(separator: ", "))")
        }
        return written.first
    }

    /// Reports a problem with a field this object does not write, e.g. a missing
    /// field that is required only in some cases, with the reason.
    func reportMissing(_ key: String, _ message: String) {
        guard reportsMissing else { return }
        context.report(message, at: anchor, path: path.appending(key: key))
    }
}

extension ValueReader {
    /// The name of something defined elsewhere in the model (a backend, an
    /// upstream, a location). Reports an unknown name with the nearest defined
    /// one and the whole list; nil then.
    func reference(to kind: String, among defined: [String], definedIn section: String, hint: String? = nil) -> String? {
        guard case .string(let name)? = value?.kind else {
            refuse("must be the name of a \(kind) defined in \(section)")
            return nil
        }
        if defined.contains(name) { return name }
        var message = "no \(kind) \(JSON5Writer.quoted(name)) is defined in \(section)"
        if let suggestion = SpellingSuggestion.nearest(to: name, among: defined) {
            message += "; did you mean \(JSON5Writer.quoted(suggestion))?"
        }
        message += defined.isEmpty ? " (none is defined)" : " (defined: \(defined.joined(separator: ", ")))"
        if let hint { message += "; \(hint)" }
        report(message)
        return nil
    }

    /// A version-like value written as a string (`"1.1"`) or, for convenience,
    /// a number (`1.1`, read as the digits written); nil after reporting anything else.
    func versionText(_ requirement: String) -> String? {
        switch value?.kind {
        case .string(let text)?: return text
        case .number(let number)?: return number.literal
        case nil: return nil
        default:
            refuse(requirement)
            return nil
        }
    }
}
