import Foundation
import ProxyModel
import Randomness
import Scenario
import Testing

/// Importing an export gives the same model: the same nginx with every
/// default that applied, the same server addresses (restored from the
/// export's loopback annotations), for every bundled model and for random ones.
@Suite struct NginxConfRoundTripTests {
    /// The nginx of the model at `path`, and that of the import of its export; nil after recording why not.
    private func roundTrip(_ path: String, in files: NginxConfFiles, context: String) throws -> (ScenarioModel, ScenarioModel)? {
        let original = try ScenarioLoader.load(path: path).model
        let exported: NginxConfExport.Result
        do {
            exported = try NginxConfExport.exportModel(path: path, options: NginxConfExport.Options(prefix: files.directory))
        } catch {
            Issue.record("\(context): the export failed: \(error)")
            return nil
        }
        try files.write("nginx.conf", exported.text)
        let options = NginxConfFiles.options(version: original.nginx.version)
        do {
            return (original, try files.importedModel("nginx.conf", options: options))
        } catch {
            Issue.record("\(context): the import of the export failed: \(error)\n\(exported.text)")
            return nil
        }
    }

    @Test(arguments: RepositoryFiles.bundledModelFiles)
    func importingTheExportOfABundledModelGivesItsNginxBack(path: String) throws {
        let files = try NginxConfFiles()
        defer { files.remove() }
        guard let (original, imported) = try roundTrip(path, in: files, context: path) else { return }
        #expect(imported.nginx == original.nginx, "\(path)")
        #expect(imported.backends.map(\.address) == original.backends.map(\.address))
    }

    @Test func importingTheExportOfARandomModelGivesItsNginxBack() throws {
        let files = try NginxConfFiles()
        defer { files.remove() }
        var checked = 0
        for seed in UInt64(1)...300 {
            var random = SplitMix64(seed: seed)
            let text = RandomNginxModel.text(&random)
            try files.write("model.json5", text)
            // Combinations a version refuses (keepalive_time before 1.19.10...) are not models.
            guard (try? ScenarioLoader.load(path: files.path("model.json5"))) != nil else { continue }
            guard let (original, imported) = try roundTrip(files.path("model.json5"), in: files, context: "seed \(seed)") else { continue }
            #expect(imported.nginx == original.nginx, "seed \(seed): the import of the export differs; the model:\n\(text)")
            checked += 1
        }
        #expect(checked > 150, "only \(checked) random models loaded; the generator should mostly make valid ones")
    }
}
