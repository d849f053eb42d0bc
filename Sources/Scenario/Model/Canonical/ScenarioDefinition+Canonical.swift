import ProxyModel

extension ScenarioDefinition {
    /// The canonical JSON5 text of the scenario (see `LoadedScenario.canonical`).
    /// `written` is the file's own tree: what it lacks is marked `// default`.
    func canonicalText(nginx effective: EffectiveConfiguration, file: String, sha256: String, written: JSON5Value) -> String {
        var members = [
            JSON5Member("nginx", nginx.canonicalValue(effective: effective)),
            JSON5Member("backends", .object(backends.map { JSON5Member($0.name, $0.canonicalValue) })),
            JSON5Member("network", network.canonicalValue),
            JSON5Member("traffic", traffic.canonicalValue),
            JSON5Member("run", run.canonicalValue),
        ]
        // Only a model that shares hosts shows them: without, every process has a machine of its own.
        if !hosts.isEmpty { members.append(JSON5Member("hosts", .object(hosts.map { JSON5Member($0.name, $0.canonicalValue) }))) }
        let tree = JSON5Value.object(members)
        var header = [
            "The scenario \(file) (sha256 \(sha256)) with every value that applied.",
            "\"// default\": not written in the file. nginx's defaults for directives",
            "not written are listed in comments where they apply.",
        ]
        if !effective.warnings.isEmpty {
            header.append("")
            header.append("nginx warnings:")
            header += effective.warnings.map { "  \($0)" }
        }
        var writer = JSON5Writer()
        writer.inlinesSmallObjects = true
        return writer.string(for: DefaultMarking.mark(tree, written: written), header: header.joined(separator: "\n"))
    }
}
