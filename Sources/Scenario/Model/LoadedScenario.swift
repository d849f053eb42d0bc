/// A model file read, checked and ready to run.
public struct LoadedScenario: Sendable {
    /// The typed model both drivers run.
    public var model: ScenarioModel
    /// The scenario as canonical JSON5 with every value that applied written
    /// out; values the file does not write are marked `// default`, and nginx's
    /// own defaults for directives not written are listed as comments where they
    /// apply. Reading it back gives the same `model`. What `--print-model` prints.
    public var canonical: String
    /// The SHA-256 of the file's bytes, as 64 lower-case hexadecimal digits
    /// (what `sha256sum` prints): results name the exact model they came from.
    public var sha256: String

    public init(model: ScenarioModel, canonical: String, sha256: String) {
        self.model = model
        self.canonical = canonical
        self.sha256 = sha256
    }
}
