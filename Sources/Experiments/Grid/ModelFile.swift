import Scenario

/// The model file a sweep or plan starts from: read and checked once, then
/// edited field by field for each grid point or candidate setting. Every
/// variant goes through `ScenarioLoader`, so it is validated exactly like a
/// file the user wrote.
public struct ModelFile: Sendable {
    /// The path as given; diagnostics name it, and relative `traffic.trace`
    /// paths are looked up next to it.
    public var path: String
    /// The file's value tree, as written (no defaults filled in).
    public var root: JSON5Value
    /// The file itself, loaded.
    public var base: LoadedScenario
    /// The canonical model's tree: every value that applied, defaults included.
    public var canonicalRoot: JSON5Value

    /// Reads and loads the model file at `path`.
    public init(path: String) throws(Diagnostics) {
        let document = try ModelDocument(contentsOfFile: path)
        self.init(path: path, root: document.root, base: try ScenarioLoader.load(path: path))
    }

    /// A model given as text (tests, generated models); `path` names it.
    public init(path: String, text: String) throws(Diagnostics) {
        let bytes = Array(text.utf8)
        let document = try ModelDocument(file: path, bytes: bytes)
        self.init(path: path, root: document.root, base: try ScenarioLoader.load(file: path, bytes: bytes))
    }

    private init(path: String, root: JSON5Value, base: LoadedScenario) {
        self.path = path; self.root = root; self.base = base
        // The loader writes canonical text that reads back; an empty tree would only shorten suggestions.
        canonicalRoot = (try? JSON5Parser.parse(base.canonical)) ?? JSON5Value(.object([]))
    }

    /// The SHA-256 of the file's bytes: the identity results carry (variants are edits of this file).
    public var sha256: String { base.sha256 }

    /// One edit: a field and its new value.
    public struct Assignment: Equatable, Sendable {
        public var path: FieldPath
        public var value: JSON5Value
        public init(_ path: FieldPath, _ value: JSON5Value) { self.path = path; self.value = value }
    }

    /// The model with these fields set, loaded and checked. Throws the loader's
    /// diagnostics, or a problem with a path that cannot be set (an index past
    /// an array's end, a key inside a number).
    public func variant(_ assignments: [Assignment]) throws(VariantError) -> LoadedScenario {
        var tree = root
        for assignment in assignments {
            do {
                tree = try tree.setting(assignment.value, at: assignment.path)
            } catch {
                throw .path(error)
            }
        }
        let text = JSON5Writer().string(for: tree)
        do {
            return try ScenarioLoader.load(file: path, bytes: Array(text.utf8))
        } catch {
            throw .invalid(error)
        }
    }

    /// Why a variant could not be loaded.
    public enum VariantError: Error, Sendable {
        case path(ExperimentError)
        case invalid(Diagnostics)

        /// One line per problem, each naming the field; positions are left out,
        /// because they would point into the edited text, not the user's file.
        public var lines: [String] {
            switch self {
            case .path(let error): return [error.message]
            case .invalid(let diagnostics):
                return diagnostics.items.map { $0.path.isRoot ? $0.message : "\($0.path): \($0.message)" }
            }
        }
    }

    /// Every field path the loaded model has a value for (the canonical model
    /// writes every value that applied, defaults included), in document order:
    /// the list a mistyped path is compared with.
    public var knownPaths: [FieldPath] {
        var paths: [FieldPath] = []
        func visit(_ value: JSON5Value, _ path: FieldPath) {
            switch value.kind {
            case .object(let members) where !members.isEmpty:
                if !path.isRoot { paths.append(path) }
                for member in members { visit(member.value, path.appending(key: member.key)) }
            case .array(let elements) where elements.contains(where: { if case .object = $0.kind { true } else { false } }):
                paths.append(path)
                for (index, element) in elements.enumerated() { visit(element, path.appending(index: index)) }
            default:
                paths.append(path)
            }
        }
        visit(canonicalRoot, .root)
        return paths
    }

    /// The known paths nearest to `path`: those under the longest part of it
    /// that exists, nearest in spelling first.
    public func knownPaths(near path: FieldPath, limit: Int = 8) -> [String] {
        let known = knownPaths
        var prefix = path.components
        while !prefix.isEmpty, !known.contains(FieldPath(prefix)) { prefix.removeLast() }
        let candidates = known.filter { $0.components.count > prefix.count && Array($0.components.prefix(prefix.count)) == prefix }
        let typed = path.description
        let ranked = candidates.map { (text: $0.description, distance: SpellingSuggestion.editDistance(typed, $0.description)) }
            .enumerated()
            .sorted { ($0.element.distance, $0.offset) < ($1.element.distance, $1.offset) }
        return ranked.prefix(limit).map(\.element.text)
    }
}
