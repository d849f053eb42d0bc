import ProxyModel
import Scenario

/// `keepalive-lab nginx import NGINX.CONF`: an nginx.conf read into a model file.
struct NginxImportCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "import",
        abstract: "Read an nginx.conf into a model file (JSON5).",
        discussion: """
            Reads the file with nginx's own grammar, following include (globs, relative \
            to the file's directory), and writes the model: worker_processes, the events \
            settings, every upstream block (servers with weight, max_fails, fail_timeout, \
            max_conns, backup, down; balancing method; keepalive, keepalive_timeout, \
            keepalive_requests, keepalive_time; zone), every location with proxy_pass and \
            the proxy directives it has or inherits from server and http, and client \
            keepalive. Directives the model does not cover are listed as notes on standard \
            error and as comments in the model ("ignored: gzip on (line 31)"). Backends, \
            network and traffic are not in an nginx.conf: they get stated defaults, each \
            marked "to be filled in".

            The nginx version (whose defaults apply to what the file does not write) is \
            --nginx-version, else what 'nginx -v' says when an nginx binary is on PATH or \
            at /usr/sbin/nginx, else \(NginxImportCommand.defaultVersion) (Debian bookworm's), with a note.

            Limits: files up to 16 MiB each and 64 MiB in all, 4096 files, 1,000,000 directives, blocks nested \
            64 deep, includes 32 deep.

            Examples:
              keepalive-lab nginx import /etc/nginx/nginx.conf --out mine.json5
              keepalive-lab nginx import nginx.conf --nginx-version 1.29.7 --backend-profile node-20
            """,
        options: [
            .outFile("MODEL.json5", holding: "the model"),
            OptionDefinition(
                name: "nginx-version", valueName: "X.Y.Z", kind: .text,
                help: "The nginx version whose defaults apply: X.Y.Z, X.Y, classic or modern. (default: nginx -v)"),
            OptionDefinition(
                name: "backend-profile", valueName: "NAME", kind: .choice(BackendProfile.catalog.map(\.name)),
                defaultValue: BackendProfile.defaultProfileName,
                help: "The backend profile of the servers (see models/README.md, Backend profiles)."),
            OptionDefinition(
                name: "cores", valueName: "N", kind: .integer(1...1024),
                help: "The cores 'worker_processes auto' stands for. (default: this machine's)"),
        ],
        arguments: [
            ArgumentDefinition(name: "file", valueName: "NGINX.CONF", help: "The nginx configuration file."),
        ],
        command: NginxImportCommand.self
    )

    static let defaultVersion = NginxVersion.debianBookworm

    var file: String
    var outPath: String?
    var version: NginxVersion?
    var backendProfile: String
    var cores: Int?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        file = arguments.string("file")
        outPath = arguments.stringIfPresent("out")
        backendProfile = arguments.choice("backend-profile", as: ProfileName.self).rawValue
        cores = arguments.integerIfPresent("cores")
        if let text = arguments.stringIfPresent("nginx-version") {
            guard let parsed = NginxVersion(parsing: text) else {
                throw UsageError("--nginx-version '\(text)' is not an nginx version; expected X.Y.Z (1.22.1), X.Y, classic or modern")
            }
            version = parsed
        }
        if let outPath { try OutputPath.check(outPath, option: "--out", isNot: file, what: "the nginx.conf") }
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        let (version, versionSource) = resolvedVersion()
        let (cores, coresSource) = self.cores.map { ($0, "--cores") }
            ?? (OnlineCores.count, "the cores of this machine; give --cores for the proxy host's")
        let options = NginxConfImport.Options(
            version: version, versionSource: versionSource, backendProfile: backendProfile,
            cores: cores, coresSource: coresSource)
        let result: NginxConfImport.Result
        do {
            result = try NginxConfImport.importFile(file, options: options)
        } catch {
            throw CommandFailure(error.description)
        }
        console.err.writeLine("note: nginx \(version): \(versionSource)")
        for note in result.notes { console.err.writeLine("note: \(note)") }
        try TextFile.write(result.modelText, to: outPath ?? "-", console: &console)
    }

    /// `--nginx-version`, else the installed nginx's, else the default.
    private func resolvedVersion() -> (NginxVersion, String) {
        if let version { return (version, "from --nginx-version") }
        if let found = NginxBinary.find(), let installed = found.version() {
            return (installed, "from nginx -v (\(found.path)); give --nginx-version for another")
        }
        return (Self.defaultVersion, "no nginx binary found and no --nginx-version: the default, Debian bookworm's")
    }
}

/// A `--backend-profile` word: the choice's words are the catalogue's profile names.
private struct ProfileName: RawRepresentable {
    var rawValue: String
}
