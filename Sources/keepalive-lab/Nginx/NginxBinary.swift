import Foundation
import ProxyModel

/// An installed nginx: found on PATH or where Debian and nginx's own builds
/// put it, and asked its version (`nginx -v`).
struct NginxBinary {
    let path: String

    /// Where nginx is looked for after PATH.
    static let standardLocations = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"]

    /// The first executable `nginx` on PATH, then in `standardLocations`; nil when there is none.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> NginxBinary? {
        let onPath = (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/nginx" }
        return (onPath + standardLocations).first { FileManager.default.isExecutableFile(atPath: $0) }.map(NginxBinary.init)
    }

    /// What `nginx -v` prints on standard error (`nginx version: nginx/1.22.1`), parsed; nil when it cannot be run or read.
    func version() -> NginxVersion? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-v"]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Self.parseVersion(String(decoding: output, as: UTF8.self))
    }

    /// `nginx version: nginx/1.22.1` (or `openresty/1.25.3.1`): the first X.Y.Z after a slash.
    static func parseVersion(_ text: String) -> NginxVersion? {
        guard let slash = text.firstIndex(of: "/") else { return nil }
        let numbers = text[text.index(after: slash)...].prefix { $0.isNumber || $0 == "." }
        let parts = numbers.split(separator: ".").prefix(3)
        return NginxVersion(parsing: parts.joined(separator: "."))
    }
}
