import Foundation

/// Files of this repository the tests read: the bundled models and their documentation.
enum RepositoryFiles {
    /// The repository's root, found from this source file's path (Tests/ScenarioTests/Support/).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let modelsDirectory = root + "/models"

    /// Every `*.json5` under models/, sorted by name.
    static var modelFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: modelsDirectory)) ?? []
        return names.filter { $0.hasSuffix(".json5") }.sorted().map { modelsDirectory + "/" + $0 }
    }

    static func text(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Every bundled model: models/*.json5, then models/claims/*.json5 and
    /// models/small-pools/*.json5, each sorted by name.
    static var bundledModelFiles: [String] {
        modelFiles + ["claims", "small-pools"].flatMap { subdirectory in
            let directory = modelsDirectory + "/" + subdirectory
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return names.filter { $0.hasSuffix(".json5") }.sorted().map { directory + "/" + $0 }
        }
    }
}
