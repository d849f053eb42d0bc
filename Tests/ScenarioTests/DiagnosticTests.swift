import Scenario
import Testing

@Suite struct DiagnosticTests {
    @Test func printsFileLineColumnPathAndMessage() {
        let path = FieldPath([.key("upstreams"), .key("app"), .key("servers"), .index(2), .key("weight")])
        #expect(Diagnostic(file: "m.json5", location: at(3, 9), path: path, message: "must be >= 1 (got 0)").description
            == "m.json5:3:9: upstreams.app.servers[2].weight: must be >= 1 (got 0)")
    }

    @Test func leavesOutWhatIsNotKnown() {
        #expect(Diagnostic(file: "m.json5", location: nil, message: "cannot read").description == "m.json5: cannot read")
        #expect(Diagnostic(file: "m.json5", location: .unknown, path: FieldPath([.key("a")]), message: "x").description == "m.json5: a: x")
        #expect(Diagnostic(file: "m.json5", location: at(1, 2), message: "x").description == "m.json5:1:2: x")
    }

    @Test func pathsQuoteKeysThatAreNotPlainNames() {
        let path = FieldPath([.key("hosts"), .key("api.example.com"), .key("port"), .index(0), .index(1), .key("")])
        #expect(path.description == #"hosts["api.example.com"].port[0][1][""]"#)
        #expect(FieldPath([.key("app-1"), .key("$ref")]).description == "app-1.$ref")
        #expect(FieldPath.root.description == "")
    }

    @Test func collectorSortsByFileThenPositionKeepingReportOrderForTies() {
        let collector = DiagnosticCollector()
        collector.report(Diagnostic(file: "b", location: at(1, 1), message: "first in b"))
        collector.report(Diagnostic(file: "a", location: at(9, 1), message: "late in a"))
        collector.report(Diagnostic(file: "b", location: at(1, 1), message: "second in b, same place"))
        collector.report(Diagnostic(file: "a", location: at(2, 5), message: "early in a"))
        collector.report(Diagnostic(file: "b", location: nil, message: "no place in b"))
        collector.report(Diagnostic(file: "a", location: at(2, 4), message: "earlier column in a"))
        #expect(collector.sorted.map(\.message) == [
            "no place in b", "first in b", "second in b, same place", "earlier column in a", "early in a", "late in a",
        ])
        #expect(collector.count == 6)
        #expect(throws: Diagnostics(collector.sorted)) { try collector.check() }
    }

    @Test func anEmptyCollectorPassesTheCheck() throws {
        let collector = DiagnosticCollector()
        #expect(collector.isEmpty)
        try collector.check()
    }

    @Test func diagnosticsPrintOnePerLine() {
        let diagnostics = Diagnostics([
            Diagnostic(file: "m", location: at(1, 1), message: "one"),
            Diagnostic(file: "m", location: at(2, 1), message: "two"),
        ])
        #expect(diagnostics.description == "m:1:1: one\nm:2:1: two")
    }
}
