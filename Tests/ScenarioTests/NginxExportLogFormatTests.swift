import Testing
import Scenario
import Traffic

/// The access log `nginx export` configures must be readable by the
/// access-log library (`replay --proxy nginx` reads real nginx's log with it).
@Suite struct NginxExportLogFormatTests {
    @Test func theExportedLogFormatDirectiveParsesAndSplitsALineAsNginxWritesIt() throws {
        let exported = try NginxConfExport.exportModel(path: RepositoryFiles.modelsDirectory + "/default.json5", options: .init(prefix: "/tmp/lab"))
        let text = exported.text
        guard let start = text.range(of: "log_format ") else {
            Issue.record("the export has no log_format")
            return
        }
        let directive = String(text[start.lowerBound...].prefix { $0 != ";" }) + ";"
        let format = try AccessLogFormat(parsing: directive)
        for variable in [AccessLogVariable.msec, .connection, .connectionRequests, .upstreamConnectTime, .upstreamAddress, .requestTime] {
            #expect(format.has(variable), "\(variable.name)")
        }
        let line = format.render { variable in
            switch variable {
            case .msec: return "1796367631.004"
            case .upstreamAddress: return "127.0.0.1:18001, 127.0.0.1:18002"
            case .upstreamStatus: return "502, 200"
            case .upstreamConnectTime, .upstreamResponseTime: return "0.000, 0.001"
            case .requestMethod: return "GET"
            case .requestURI: return "/a b"
            case .requestTime: return "0.003"
            default: return "7"
            }
        }
        let record = try format.parse(line: line)
        #expect(record.loggedAt == 1_796_367_631_004_000_000)
        #expect(record.upstreamAddresses.count == 2 && record.upstreamConnectTimes == [0, 1_000_000])
        #expect(record.connection == 7 && record.connectionRequests == 7 && record.method == "GET" && record.uri == "/a b")
    }
}
