import Foundation
import Testing

/// Debian's chromium, headless, for the HTML report tests: renders a file to
/// a PNG and collects what the page wrote to the console (chromium logs every
/// console message, and every SVG attribute it cannot parse, as a `CONSOLE`
/// line on standard error with `--enable-logging=stderr --v=0`).
struct HeadlessChromium {
    /// `chromium` (Debian) or `chromium-browser` (elsewhere) on PATH.
    static let binary: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin"]
        for name in ["chromium", "chromium-browser"] {
            if let found = directories.map({ $0 + "/" + name }).first(where: FileManager.default.isExecutableFile(atPath:)) {
                return found
            }
        }
        return nil
    }()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether the browser tests run: chromium is here, or this is CI, where its absence is a failure.
    static var shouldRun: Bool { binary != nil || isCI }

    /// The message for a CI machine without chromium.
    static let missingOnCI = "chromium is not installed: .ci/run installs Debian's chromium; the HTML report tests need it on CI"

    struct Rendering {
        /// The page's console messages (errors, warnings, logs, SVG attribute errors), one per line.
        var consoleMessages: [String]
        var screenshot: [UInt8]
        var timedOut: Bool
        var standardError: String
    }

    /// The window every report is rendered in: wide enough for the 880-pixel charts, tall enough for a whole report.
    static let windowWidth = 1000, windowHeight = 3800

    /// Renders `htmlPath` in a fresh profile; chromium is killed (by its pid) if it outlives `bound` seconds.
    static func render(_ htmlPath: String, bound: TimeInterval = 90) throws -> Rendering {
        let binary = try #require(binary, "chromium is not installed")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keepalive-lab-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let screenshot = directory.appendingPathComponent("screenshot.png").path
        let errPath = directory.appendingPathComponent("stderr").path
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=" + directory.appendingPathComponent("profile").path,
            "--enable-logging=stderr", "--v=0",
            "--window-size=\(windowWidth),\(windowHeight)", "--screenshot=" + screenshot,
            URL(fileURLWithPath: htmlPath).absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(bound)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        let timedOut = process.isRunning
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        try err.close()
        let text = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        let console = text.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        let png = (try? Data(contentsOf: URL(fileURLWithPath: screenshot))).map { [UInt8]($0) } ?? []
        return Rendering(consoleMessages: console, screenshot: png, timedOut: timedOut, standardError: String(text.suffix(2_000)))
    }

    /// Width and height from a PNG's IHDR chunk, or nil when the bytes are not a PNG.
    static func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 24, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func integer(at offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (integer(at: 16), integer(at: 20))
    }
}
