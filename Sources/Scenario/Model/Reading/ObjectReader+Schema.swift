import ProxyModel

/// Reading patterns the scenario schema uses in several sections.
extension ObjectReader {
    /// Of `keys`, the one this object writes, for objects that name their kind by
    /// their only key (`{ exponential: { mean: "5ms" } }`, `{ steps: [...] }`).
    /// Reports an object with none or several of the keys; a near miss
    /// (`exponentail`) is left to the unknown-key report, which suggests the fix.
    func soleKey(among keys: [String]) -> (key: String, value: ValueReader)? {
        let written = keys.compactMap { key in field(key).map { (key: key, value: $0) } }
        let list = keys.joined(separator: ", ")
        if written.count > 1 {
            report("must have only one of the keys \(list) (got \(written.map(\.key).joined(separator: " and ")))")
        } else if written.isEmpty, reportsMissing {
            let nearMiss = self.keys.contains { SpellingSuggestion.nearest(to: $0, among: keys) != nil }
            if !nearMiss { report("must have one of the keys \(list)") }
        }
        return written.first
    }

    /// An nginx directive: nil when not written (nginx's default then applies),
    /// otherwise read and recorded so ProxyModel's problems with it point here.
    /// `directive` is nginx's name when it differs from the key.
    func directive<Value>(
        _ key: String, scope: String, _ sites: DirectiveSites, as directive: String? = nil, _ read: (ValueReader) -> Value
    ) -> Value? {
        guard let reader = field(key) else { return nil }
        sites.record(scope, directive ?? key, reader)
        return read(reader)
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
        var message = "no \(kind) \(JSON5Writer.quoted(QuotedInput.cut(name))) is defined in \(section)"
        if let suggestion = SpellingSuggestion.nearest(to: name, among: defined) {
            message += "; did you mean \(JSON5Writer.quoted(suggestion))?"
        }
        message += defined.isEmpty ? " (none is defined)" : " (defined: \(NameList.few(defined)))"
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
