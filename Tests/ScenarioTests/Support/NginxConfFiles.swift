import Foundation
import ProxyModel
import Scenario

/// nginx.conf files in a temporary directory of their own, imported with
/// fixed options (nginx 1.22.1, 4 cores) so that results do not depend on
/// the machine; `remove()` deletes the directory.
struct NginxConfFiles {
    let directory: String

    init(_ files: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("keepalive-lab-nginx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, text) in files { try write(name, text) }
    }

    func path(_ name: String) -> String { directory + "/" + name }

    func write(_ name: String, _ text: String) throws {
        try write(name, bytes: Array(text.utf8))
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path(name))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    static func options(version: NginxVersion = .debianBookworm, limits: NginxConfLimits = NginxConfLimits()) -> NginxConfImport.Options {
        NginxConfImport.Options(version: version, versionSource: "test", cores: 4, coresSource: "test", limits: limits)
    }

    /// Imports `name`; the error when it fails.
    func importing(_ name: String, options: NginxConfImport.Options = NginxConfFiles.options()) -> Result<NginxConfImport.Result, NginxConfError> {
        do {
            return .success(try NginxConfImport.importFile(path(name), options: options))
        } catch {
            return .failure(error)
        }
    }

    /// The model an import of `name` loads as.
    func importedModel(_ name: String, options: NginxConfImport.Options = NginxConfFiles.options()) throws -> ScenarioModel {
        let result = try importing(name, options: options).get()
        return try ScenarioLoader.load(file: path(name) + ".json5", bytes: Array(result.modelText.utf8)).model
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

extension Result {
    /// The error of a failure, nil for a success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
