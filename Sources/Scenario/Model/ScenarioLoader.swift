/// Reads scenario files (the format is documented in models/README.md) into
/// the `ScenarioModel` the simulator and the live mode run.
///
/// ```swift
/// let loaded = try ScenarioLoader.load(path: "models/default.json5")
/// ```
/// Every problem is reported at once, sorted by position, each with the file,
/// line and column, field path and what would be valid:
/// `models/x.json5:12:7: nginx.upstreams.app.keepalive: must be >= 0 (got -3)`.
///
/// The way through, one folder per step:
/// 1. `JSON5/`: bytes -> `JSON5Value` tree with positions (`JSON5Parser`).
/// 2. `Reading/` and `Model/Reading/`: the tree -> `ScenarioDefinition`, the file's
///    content with every default applied, by typed readers (`ObjectReader`) that
///    report unknown keys, wrong types, out-of-range values and references to
///    undefined names, and keep going.
/// 3. `Model/Definition/ScenarioDefinition+Model.swift`: nginx's own checks and
///    defaults (`NginxConfiguration.resolved()`, its problems mapped back to the
///    fields by `DirectiveSites`), backend instances per address -> `ScenarioModel`.
/// 4. `Model/Canonical/`: the definition -> canonical JSON5 text, defaults marked
///    by comparing with the file's tree (`DefaultMarking`).
public enum ScenarioLoader {
    /// Reads, checks and prints the model file at `path` (how diagnostics name it).
    /// A `traffic.trace` path is relative to the file's directory.
    public static func load(path: String) throws(Diagnostics) -> LoadedScenario {
        try loadDefinition(path: path).loaded
    }

    /// Reads model text already in memory; `file` names it in diagnostics, and its
    /// directory is where a relative `traffic.trace` path is looked up.
    public static func load(file: String, bytes: [UInt8]) throws(Diagnostics) -> LoadedScenario {
        try loadDefinition(file: file, bytes: bytes).loaded
    }

    /// The model and the file's content it came from (what `nginx export` writes out).
    static func loadDefinition(path: String) throws(Diagnostics) -> (definition: ScenarioDefinition, loaded: LoadedScenario) {
        switch readFileBytes(atPath: path) {
        case .success(let bytes):
            return try loadDefinition(file: path, bytes: bytes)
        case .failure(let reason):
            throw Diagnostics([Diagnostic(file: path, location: nil, message: "cannot read the file: \(reason.description)")])
        }
    }

    static func loadDefinition(file: String, bytes: [UInt8]) throws(Diagnostics) -> (definition: ScenarioDefinition, loaded: LoadedScenario) {
        let document = try ModelDocument(file: file, bytes: bytes)
        let collector = DiagnosticCollector()
        let sites = DirectiveSites()
        let (definition, nginxSite) = document.read(reportingTo: collector) { root in
            ScenarioDefinition.read(root, modelDirectory: directory(of: file), sites: sites)
        }
        // nginx's own checks run even after other problems, so every problem is reported at once.
        let effective = definition.resolveNginx(sites: sites, fallback: nginxSite)
        try collector.check()
        guard let effective else {
            // resolveNginx reports every problem it returns nil for; this is a safety net, not a path.
            throw Diagnostics([Diagnostic(file: file, location: nil, path: FieldPath([.key("nginx")]),
                                          message: "the configuration could not be resolved")])
        }
        let sha256 = SHA256.hex(bytes)
        let loaded = LoadedScenario(
            model: definition.model(nginx: effective),
            canonical: definition.canonicalText(nginx: effective, file: file, sha256: sha256, written: document.root),
            sha256: sha256)
        return (definition, loaded)
    }

    /// The directory part of a path (`models` for `models/x.json5`), empty for a bare name.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
