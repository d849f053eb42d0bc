import Experiments
import Foundation
import Scenario

/// The lesson files of a directory, by name, in name order.
struct LessonCatalogue {
    let directory: String
    /// Sorted file names without `.json5`.
    let names: [String]

    /// The default place: `models/demos` under the current directory, else
    /// under the checkout the executable was built in (`.build/release/keepalive-lab`).
    static func directory(given: String?) throws(CommandFailure) -> String {
        if let given { return given }
        var candidates = ["models/demos"]
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var checkout = executable.deletingLastPathComponent()
        for _ in 0..<3 {
            checkout.deleteLastPathComponent()
            candidates.append(checkout.appendingPathComponent("models/demos").path)
        }
        var isDirectory: ObjCBool = false
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue }) {
            return found
        }
        throw CommandFailure("no lessons found: models/demos is not in the current directory or the tool's checkout; "
            + "give the directory with --lessons DIR")
    }

    init(directory: String) throws(CommandFailure) {
        self.directory = directory
        let files: [String]
        do { files = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw CommandFailure("cannot list the lessons in '\(directory)': \(error.localizedDescription)")
        }
        names = files.filter { $0.hasSuffix(".json5") }.map { Lesson.name(ofPath: $0) }.sorted()
    }

    func path(of name: String) -> String? { names.contains(name) ? directory + "/" + name + ".json5" : nil }

    func nearest(to name: String) -> String? { SpellingSuggestion.nearest(to: name, among: names) }

    /// One line per lesson: its name and summary; lessons still to come are marked.
    var listing: String {
        var ready: [(String, String)] = []
        var coming: [(String, String)] = []
        var broken: [(String, String)] = []
        for name in names {
            do {
                let lesson = try Lesson(path: directory + "/" + name + ".json5")
                if let waiting = lesson.coming {
                    coming.append((name, lesson.summary + " (coming: " + waiting + ")"))
                } else {
                    ready.append((name, lesson.summary))
                }
            } catch {
                broken.append((name, "cannot be read: \(error.items.first?.description ?? "")"))
            }
        }
        let width = names.map(\.count).max() ?? 0
        func lines(_ entries: [(String, String)]) -> String {
            entries.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 + "\n" }.joined()
        }
        var text = "Lessons (keepalive-lab demo NAME runs one):\n" + lines(ready)
        if !coming.isEmpty { text += "\nComing (the simulator cannot show these yet):\n" + lines(coming) }
        if !broken.isEmpty { text += "\nLesson files with problems (keepalive-lab demo NAME shows them all):\n" + lines(broken) }
        return text
    }
}
