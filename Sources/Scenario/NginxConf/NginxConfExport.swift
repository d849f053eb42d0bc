import ProxyModel

/// `keepalive-lab nginx export`: a model's proxy as a complete nginx.conf
/// that real nginx runs against the live backends on loopback.
///
/// Ports: nginx listens on `127.0.0.1:portBase`; backend instance `i` of the
/// model (`ScenarioModel.backends[i]`: one per distinct server address,
/// numbered from 0 in order of first appearance, upstream servers first, then
/// `proxy_pass` addresses) listens on `127.0.0.1:(portBase + 1 + i)`, and the
/// exported servers point there (`backendPort(instance:portBase:)`).
public enum NginxConfExport {
    /// nginx's listening port when `--port-base` is not given.
    public static let defaultPortBase = 18000

    /// The comment after a loopback server that names the model's own address,
    /// read back by `nginx import` so that importing an export gives the model.
    static let addressAnnotation = "keepalive-lab: model address "

    /// The access log's format name and fields: what a replay reads back per request.
    static let logFormatName = "keepalive_lab"
    static let logFormat = [
        "$msec connection=$connection connection_requests=$connection_requests status=$status ",
        "request_time=$request_time upstream_addr=$upstream_addr upstream_status=$upstream_status ",
        "upstream_connect_time=$upstream_connect_time upstream_response_time=$upstream_response_time ",
        "$request_method $request_uri",
    ]

    /// The access log format the export writes (nginx's `log_format` text,
    /// the parts joined): how a replay reads real nginx's access log back.
    public static var accessLogFormat: String { logFormat.joined() }

    public struct Options: Sendable {
        /// The directory nginx's pid, logs and temporary files go in; nil writes
        /// them relative to nginx's `-p` prefix.
        public var prefix: String?
        public var portBase: Int

        public init(prefix: String? = nil, portBase: Int = NginxConfExport.defaultPortBase) {
            self.prefix = prefix
            self.portBase = portBase
        }
    }

    public struct Result: Sendable {
        /// The nginx.conf.
        public var text: String
        /// Model features nginx does not express, also written as comments in `text`.
        public var notes: [String]
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The model file does not load.
        case model(Diagnostics)
        /// Values nginx.conf cannot write, one per field.
        case notExpressible([NginxConfError])

        public var description: String {
            switch self {
            case .model(let diagnostics): return diagnostics.description
            case .notExpressible(let errors): return errors.map(\.description).joined(separator: "\n")
            }
        }
    }

    /// The loopback port backend instance `instance` listens on.
    public static func backendPort(instance: Int, portBase: Int) -> Int { portBase + 1 + instance }

    /// The nginx.conf of the model file at `path`.
    public static func exportModel(path: String, options: Options) throws(Failure) -> Result {
        let definition: ScenarioDefinition
        let loaded: LoadedScenario
        do {
            (definition, loaded) = try ScenarioLoader.loadDefinition(path: path)
        } catch {
            throw .model(error)
        }
        let addresses = loaded.model.backends.map(\.address)
        let lastPort = backendPort(instance: addresses.count - 1, portBase: options.portBase)
        guard lastPort <= 65_535 else {
            throw .notExpressible([NginxConfError(file: path, line: nil, message:
                "--port-base \(options.portBase): the model's \(addresses.count) backend addresses need ports up to \(lastPort); at most 65535")])
        }
        var exporter = NginxConfExporter(
            modelPath: path, definition: definition, model: loaded.model, sha256: loaded.sha256, options: options)
        let text = exporter.text()
        if !exporter.errors.isEmpty { throw .notExpressible(exporter.errors) }
        return Result(text: text, notes: exporter.notes)
    }
}
