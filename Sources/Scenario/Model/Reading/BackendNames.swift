/// The backend definitions' names, and which one a server gets when it names none.
struct BackendNames {
    /// In `backends` order.
    var names: [String]

    /// The backend of a server of `upstream` that names none: the backend named
    /// like the upstream, else the only backend; nil when neither exists. With
    /// no backend at all, `backends` itself was refused (an empty map, not an
    /// object): a stand-in then, so the servers do not repeat that problem.
    func defaultBackend(forUpstream upstream: String?) -> String? {
        if names.isEmpty { return standIn }
        if let upstream, names.contains(upstream) { return upstream }
        return names.count == 1 ? names[0] : nil
    }

    /// Why a default could not be chosen, for "is required" messages.
    func whyRequired(forUpstream upstream: String?) -> String {
        let named = upstream.map { " and none is named \(JSON5Writer.quoted($0)) like the upstream" } ?? ""
        return "is required: \(names.count) backends are defined (\(names.joined(separator: ", ")))\(named)"
    }

    /// A stand-in after a reported problem.
    var standIn: String { names.first ?? "" }
}
