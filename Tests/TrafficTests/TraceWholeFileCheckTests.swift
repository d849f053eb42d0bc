import Testing
import Traffic

/// A trace is checked row by row before a run (`checkEveryRow`), so a bad row
/// far down the file is an error naming its line, not a replay cut short.
@Suite struct TraceWholeFileCheckTests {
    func firstProblem(_ rows: [String]) -> String? {
        let path = TemporaryFiles.file((["time_ms,client,method"] + rows).joined(separator: "\n") + "\n")
        do {
            try TraceFileReader.checkEveryRow(path: path)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aValidTracePasses() {
        #expect(firstProblem((0..<1_000).map { "\($0),\($0 % 7),GET" }) == nil)
    }

    @Test(arguments: [
        ("7,0,GET", ":9: time_ms \"7\" is before the previous record's 10; a trace must be sorted by time"),
        ("11,0,BREW", ":9: unknown method \"BREW\""),
        ("NaN,0,GET", ":9: time_ms must be a number of milliseconds"),
        ("11,-1,GET", ":9: client must be an integer"),
    ])
    func aBadRowDeepInTheFileIsFoundWithItsLineNumber(row: String, problem: String) {
        let rows = (0..<7).map { "\($0 + 4),0,GET" } + [row] + (0..<100).map { "\($0 + 20),0,GET" }
        let found = firstProblem(rows)
        #expect(found?.contains(problem) == true, "\(found ?? "no problem found")")
    }

    @Test func sizesAbove1TBAreRefused() {
        let path = TemporaryFiles.file("time_ms,client,response_bytes\n1,0,1000000000001\n")
        #expect(throws: TraceFileReader.ReadError.self) { try TraceFileReader.checkEveryRow(path: path) }
    }
}
