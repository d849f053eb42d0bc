import Foundation
import Testing

/// Every kind of `--report` opened in a real browser (headless chromium):
/// no console message (a script error or an SVG attribute chromium cannot
/// parse is one), and a screenshot that is not blank. Skipped where chromium
/// is absent, unless on CI (CI=true), where .ci/run installs it.
@Suite(.enabled(if: HeadlessChromium.shouldRun, "chromium is not installed (apt-get install chromium); the browser checks of --report are skipped"))
struct HTMLReportBrowserTests {
    /// A white page rendered in the same window: what a blank report would look like, compressed.
    static let blankScreenshotBytes: Int? = {
        guard HeadlessChromium.binary != nil else { return nil }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keepalive-lab-blank-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("blank.html")
        try? Data("<!DOCTYPE html><html><body style=\"background:#ffffff\"></body></html>\n".utf8).write(to: page)
        return (try? HeadlessChromium.render(page.path))?.screenshot.count
    }()

    /// Writes a report with `arguments` (which name `report.html` in the model's directory) and opens it.
    func renderReport(_ arguments: [String], model: TestModelFile) throws -> HeadlessChromium.Rendering? {
        guard HeadlessChromium.binary != nil else {
            Issue.record(Comment(rawValue: HeadlessChromium.missingOnCI))
            return nil
        }
        let run = try ToolRun.run(arguments + ["--report", model.sibling("report.html")])
        #expect(run.status == 0, "\(run.standardError)")
        return try HeadlessChromium.render(model.sibling("report.html"))
    }

    func expectRenderedCleanly(_ rendering: HeadlessChromium.Rendering, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(!rendering.timedOut, "chromium did not finish in time", sourceLocation: sourceLocation)
        #expect(rendering.consoleMessages.isEmpty, "console: \(rendering.consoleMessages)", sourceLocation: sourceLocation)
        let size = try #require(HeadlessChromium.pngSize(rendering.screenshot),
                                "no PNG screenshot; chromium said: \(rendering.standardError)", sourceLocation: sourceLocation)
        #expect(size.width == HeadlessChromium.windowWidth && size.height == HeadlessChromium.windowHeight, sourceLocation: sourceLocation)
        let blank = try #require(Self.blankScreenshotBytes, "the blank reference page did not render", sourceLocation: sourceLocation)
        // Charts, text and tables compress far worse than a white page: a blank or nearly blank render stays close to it.
        #expect(rendering.screenshot.count > 4 * blank,
                "screenshot \(rendering.screenshot.count) bytes, a blank page \(blank): the report looks blank",
                sourceLocation: sourceLocation)
    }

    /// A bundled model with something to see (two workers, bursts, a pool that thrashes); its picture is the README's.
    @Test func simulateReportRendersWithoutConsoleErrors() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        let claim = NginxSyntaxCheckTests.repositoryRoot + "/models/claims/09-pool-too-small.json5"
        guard let rendering = try renderReport(["simulate", claim], model: model) else { return }
        try expectRenderedCleanly(rendering)
        // `KEEPALIVE_LAB_UPDATE_SCREENSHOT=1 swift test --filter HTMLReportBrowserTests` refreshes the README's picture.
        if ProcessInfo.processInfo.environment["KEEPALIVE_LAB_UPDATE_SCREENSHOT"] == "1" {
            try Data(rendering.screenshot).write(to: URL(fileURLWithPath: NginxSyntaxCheckTests.repositoryRoot + "/docs/report-screenshot.png"))
        }
    }

    @Test func sweepReportRendersWithoutConsoleErrors() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        guard let rendering = try renderReport(["sweep", model.path, "--vary", "nginx.upstreams.app.keepalive=1,2,4",
                                                "--vary", "nginx.worker_processes=1,2", "--replications", "2",
                                                "--out", model.sibling("sweep.csv")], model: model) else { return }
        try expectRenderedCleanly(rendering)
    }

    @Test func planReportRendersWithoutConsoleErrors() throws {
        let model = try TestModelFile()
        defer { model.remove() }
        guard let rendering = try renderReport(["plan", model.path, "--replications", "2", "--max-keepalive", "16",
                                                "--target", "handshakes_per_1k=400", "--target", "error_rate=1"],
                                               model: model) else { return }
        try expectRenderedCleanly(rendering)
    }

    /// The checks above can fail: a script error and a malformed SVG attribute are both caught.
    @Test func brokenPagesAreCaught() throws {
        guard HeadlessChromium.binary != nil else {
            Issue.record(Comment(rawValue: HeadlessChromium.missingOnCI))
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keepalive-lab-broken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pages = [
            "script": "<!DOCTYPE html><html><body><p>text</p><script>undefinedFunction()</script></body></html>",
            "svg": "<!DOCTYPE html><html><body><svg width=\"100\" height=\"100\"><polyline points=\"1,2 3,nan\"/></svg></body></html>",
        ]
        for name in pages.keys.sorted() {
            let path = directory.appendingPathComponent(name + ".html").path
            try Data(pages[name, default: ""].utf8).write(to: URL(fileURLWithPath: path))
            let rendering = try HeadlessChromium.render(path)
            #expect(!rendering.consoleMessages.isEmpty, "the \(name) error went unnoticed: \(rendering.standardError)")
        }
    }
}
