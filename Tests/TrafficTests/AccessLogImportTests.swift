import Foundation
import Testing
import ProxyModel
import Traffic

@Suite struct AccessLogImportTests {
    static func importLog(_ path: String, style: SyntheticAccessLog.Style, window: Int64 = 60_000_000_000)
        throws -> (records: [TraceRecord], report: AccessLogImport.Report)
    {
        let collected = Collected()
        let options = AccessLogImport.Options(format: try AccessLogFormat(parsing: style.formatText), reorderWindow: window,
                                              shownBadLines: 1_000)
        let report = try AccessLogImport.run(path: path, options: options) { collected.records.append($0) }
        return (collected.records, report)
    }

    final class Collected: @unchecked Sendable { var records: [TraceRecord] = [] }

    @Test(arguments: SyntheticAccessLog.Style.allCases)
    func everyRequestLineIsImportedInSendOrderAndEveryOtherLineIsCountedWithItsNumber(style: SyntheticAccessLog.Style) throws {
        for seed in UInt64(1)...3 {
            let log = SyntheticAccessLog(style: style, requests: 400, ratePerSecond: 40, malformedEvery: 23, seed: seed).make()
            let path = TemporaryFiles.file(log.text, name: "access.log")
            let (records, report) = try Self.importLog(path, style: style)
            #expect(report.imported == log.requestLines, "seed \(seed)")
            #expect(records.count == log.requestLines, "seed \(seed)")
            #expect(report.badLines == log.badLines, "seed \(seed): \(report.shownBadLines)")
            #expect(report.shownBadLines.map(\.line) == log.badLineNumbers, "seed \(seed)")
            #expect(report.blankLines == log.blankLines, "seed \(seed)")
            #expect(records.first?.time == .zero, "times count from the first request sent")
            #expect(zip(records, records.dropFirst()).allSatisfy { $0.time <= $1.time }, "seed \(seed): sorted by send time")
            #expect(report.lateRequests == 0, "seed \(seed): every request is shorter than the window")
            // The exported format has no $remote_addr: one client.
            #expect(style == .exported ? report.clients == 1 : report.clients > 1 && report.clients <= 40, "seed \(seed)")
            #expect(records.contains { $0.method == .post })
        }
    }

    @Test func millisecondLogsGiveSendTimesToTheMillisecond() throws {
        let log = SyntheticAccessLog(style: .exported, requests: 200, seed: 9).make()
        let path = TemporaryFiles.file(log.text, name: "access.log")
        let (records, report) = try Self.importLog(path, style: .exported)
        #expect(report.spreadWithinSecond == 0)
        #expect(records.allSatisfy { $0.time.nanoseconds % 1_000_000 == 0 })
        #expect(records.contains { $0.observed?.upstreamAttempts == 2 }, "retried requests keep their attempts")
        #expect(records.contains { $0.observed?.upstreamConnectTime == 0 }, "reused upstream connections show as 0")
        #expect(report.notes.contains { $0.contains("log time - $request_time") })
    }

    @Test func secondResolutionLogsAreSpreadEvenlyWithinEachSecondAndSaySo() throws {
        let lines = (0..<4).map { i in
            #"192.0.2.\#(i) - - [04/Dec/2026:07:40:31 +0000] "GET /\#(i) HTTP/1.1" 200 10 "-" "-""#
        } + [#"192.0.2.9 - - [04/Dec/2026:07:40:32 +0000] "GET /last HTTP/1.1" 200 10 "-" "-""#]
        let path = TemporaryFiles.file(lines.joined(separator: "\n"), name: "access.log")
        let (records, report) = try Self.importLog(path, style: .combined)
        // Four lines in one second: at 1/8, 3/8, 5/8, 7/8 of it; one in the next: at 1/2.
        #expect(records.map(\.time.nanoseconds) == [0, 250_000_000, 500_000_000, 750_000_000, 1_375_000_000])
        #expect(records.map { $0.uri ?? "" } == ["/0", "/1", "/2", "/3", "/last"])
        #expect(records.map { $0.clientAddress.map(IPv4Network.text) ?? "" } == ["192.0.2.0", "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.9"])
        #expect(report.spreadWithinSecond == 5)
        #expect(report.notes.contains { $0.contains("spread evenly") })
        #expect(report.notes.contains { $0.contains("no $request_time") })
    }

    @Test func requestsLongerThanTheReorderWindowAreSentAtItsEdgeAndCounted() throws {
        let format = "$msec $request_time $request_uri"
        let text = "100.000 0.000 /a\n105.000 0.000 /b\n108.000 0.000 /c\n109.000 8.500 /slow\n"
        let path = TemporaryFiles.file(text, name: "access.log")
        let options = AccessLogImport.Options(format: try AccessLogFormat(parsing: format), reorderWindow: 2_000_000_000)
        let collected = Collected()
        let report = try AccessLogImport.run(path: path, options: options) { collected.records.append($0) }
        // /slow was sent at 100.5 s, but /b (105 s) had already left the 2 s window.
        #expect(collected.records.map { $0.uri ?? "" } == ["/a", "/b", "/slow", "/c"])
        #expect(collected.records.map(\.time.nanoseconds) == [0, 5_000_000_000, 5_000_000_000, 8_000_000_000])
        #expect(report.lateRequests == 1)
    }

    @Test func gzipLogsAreReadDirectlyAndGiveTheSameTrace() throws {
        let log = SyntheticAccessLog(style: .combinedWithTimings, requests: 300, malformedEvery: 31, seed: 4).make()
        let plain = TemporaryFiles.file(log.text, name: "access.log")
        let compressed = try Self.gzip(log.text)
        let (plainRecords, plainReport) = try Self.importLog(plain, style: .combinedWithTimings)
        let (records, report) = try Self.importLog(compressed, style: .combinedWithTimings)
        #expect(report.compressed && !plainReport.compressed)
        #expect(records == plainRecords)
        #expect(report.shownBadLines == plainReport.shownBadLines)
    }

    @Test func aCutOffGzipAndAGzipBombAreClearErrors() throws {
        let log = SyntheticAccessLog(style: .combined, requests: 2_000, seed: 5).make()
        let compressed = try Self.gzip(log.text)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: compressed))
        let cut = TemporaryFiles.file(Array(bytes.prefix(bytes.count / 2)), name: "cut.log.gz")
        #expect(Self.importError(cut).contains("corrupt or cut short"))
        let bomb = try Self.gzip(String(repeating: "\n", count: 20_000_000))
        #expect(Self.importError(bomb).contains("gzip bomb"))
    }

    @Test func aFormatWithoutTimeAndAMissingFileAreRefusedBeforeReading() throws {
        let options = AccessLogImport.Options(format: try AccessLogFormat(parsing: "$remote_addr $request_uri"))
        #expect(throws: AccessLogImport.ImportError.self) { try AccessLogImport.run(path: "/nonexistent", options: options) { _ in } }
        do {
            _ = try AccessLogImport.run(path: TemporaryFiles.file("x", name: "a.log"), options: options) { _ in }
        } catch {
            #expect(error.message.contains("no $msec, $time_local or $time_iso8601"))
        }
        #expect(Self.importError("/nonexistent/access.log").contains("cannot read the access log"))
    }

    static func importError(_ path: String) -> String {
        do {
            _ = try importLog(path, style: .combined)
            return ""
        } catch let error as AccessLogImport.ImportError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    /// `text` gzip-compressed into a new file (Debian's gzip, part of every system).
    static func gzip(_ text: String) throws -> String {
        let path = TemporaryFiles.file(text, name: "access.log")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-n", path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return path + ".gz"
    }
}
