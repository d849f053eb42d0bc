import ProxyModel

/// `keepalive-lab nginx import`: an nginx.conf read into a model file.
///
/// ```swift
/// let result = try NginxConfImport.importFile("/etc/nginx/nginx.conf", options: options)
/// print(result.modelText)  // JSON5 that ScenarioLoader reads
/// ```
/// The nginx section comes from the file; backends, traffic and network are
/// not in an nginx.conf and get stated defaults marked "to be filled in".
/// Directives the model does not cover are listed in `notes`, never dropped
/// silently; the first error stops the import, worded like nginx's own.
public enum NginxConfImport {
    public struct Options: Sendable {
        /// The nginx whose defaults apply.
        public var version: NginxVersion
        /// Where `version` came from, said in the model's comments:
        /// `--nginx-version`, `nginx -v (/usr/sbin/nginx)`, or a default.
        public var versionSource: String
        /// The backend profile of every backend (a name from `BackendProfile.catalog`).
        public var backendProfile: String
        /// The cores `worker_processes auto` stands for, and where that number came from.
        public var cores: Int
        public var coresSource: String
        public var limits: NginxConfLimits

        public init(version: NginxVersion, versionSource: String, backendProfile: String = BackendProfile.defaultProfileName,
                    cores: Int, coresSource: String, limits: NginxConfLimits = NginxConfLimits()) {
            self.version = version; self.versionSource = versionSource; self.backendProfile = backendProfile
            self.cores = cores; self.coresSource = coresSource; self.limits = limits
        }
    }

    public struct Result: Sendable {
        /// The model file's text (JSON5), already checked to load.
        public var modelText: String
        /// What the model does not cover or assumed, one line each:
        /// `ignored: gzip on (line 31)`.
        public var notes: [String]
    }

    /// Reads the nginx.conf at `path` (and what it includes) into a model.
    public static func importFile(_ path: String, options: Options) throws(NginxConfError) -> Result {
        var reader = NginxConfReader(mainFile: path, limits: options.limits)
        let directives = try reader.read()
        var importer = NginxConfImporter(mainFile: path, options: options)
        importer.notes = reader.notes
        try importer.readMain(directives)
        let maximum = options.limits.maximumNotes
        if importer.notes.count > maximum {
            importer.notes = importer.notes.prefix(maximum) + ["... and \(importer.notes.count - maximum) more notes"]
        }
        let text = try importer.modelText()
        do {
            _ = try ScenarioLoader.load(file: path + ".json5", bytes: Array(text.utf8))
        } catch {
            throw NginxConfError(file: path, line: nil, message: "the imported model does not load: \(error)")
        }
        return Result(modelText: text, notes: importer.notes)
    }
}
