import Glibc

/// Where a path leads, so that two spellings of one file (`m.json5`,
/// `./m.json5`, `dir/../m.json5`, a symbolic link) compare equal: an
/// existing file by device and inode, a file not yet written by its
/// directory's real path plus its name.
enum FileLocation: Equatable {
    case existing(FileIdentity)
    case toBeCreated(String)

    init(path: String) {
        if let identity = FileIdentity(path: path) {
            self = .existing(identity)
            return
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        self = .toBeCreated(Self.realPath(directory).map { $0 + "/" + name } ?? Self.lexicallyNormalized(path))
    }

    /// The directory's canonical absolute path, or nil when it does not exist (yet).
    private static func realPath(_ directory: String) -> String? {
        guard let resolved = realpath(directory, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// An absolute path without `.`, `..` or repeated slashes (for a path
    /// whose directories `TextFile.write` has yet to create).
    private static func lexicallyNormalized(_ path: String) -> String {
        var base: [Substring] = []
        if !path.hasPrefix("/"), let cwd = getcwd(nil, 0) {
            base = String(cString: cwd).split(separator: "/")
            free(cwd)
        }
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = base.popLast()
            default: base.append(part)
            }
        }
        return "/" + base.joined(separator: "/")
    }
}

/// A command's files, checked before anything is written: an output that is
/// one of the inputs would destroy it (`--out MODEL.json5`, `sweep merge
/// --out part1.csv`), and two outputs on one file would leave only the last
/// (`--out X --plot X`). Standard output (`-`) is not a file.
struct OutputPaths {
    /// What each file is, for the message: `("--out", "a.csv")`, `("the model", "m.json5")`.
    typealias Named = (role: String, path: String)

    var inputs: [Named]
    var outputs: [Named]

    /// Throws, naming both roles, when an output is an input or another output.
    func check() throws(CommandFailure) {
        let inputLocations = inputs.map { FileLocation(path: $0.path) }
        var earlier: [(Named, FileLocation)] = []
        for output in outputs where output.path != "-" {
            let location = FileLocation(path: output.path)
            if let index = inputLocations.firstIndex(of: location) {
                throw CommandFailure("\(output.role) \(output.path) is \(inputs[index].role) (\(inputs[index].path)); "
                    + "writing there would destroy it: choose another file")
            }
            if let other = earlier.first(where: { $0.1 == location }) {
                throw CommandFailure("\(output.role) \(output.path) and \(other.0.role) \(other.0.path) are the same file; "
                    + "the second would replace the first: give each its own file")
            }
            earlier.append((output, location))
        }
    }
}
