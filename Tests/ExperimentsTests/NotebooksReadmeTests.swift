import Experiments
import Foundation
import Testing

/// notebooks-data/README.md documents every column a sweep writes.
@Suite struct NotebooksReadmeTests {
    static let readme: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return (try? String(contentsOf: url.appendingPathComponent("notebooks-data/README.md"), encoding: .utf8)) ?? ""
    }()

    @Test func everyColumnIsDocumented() {
        #expect(!Self.readme.isEmpty, "notebooks-data/README.md is missing")
        for column in SweepTable.leadingColumns + ReportMetrics.names + SweepTable.RowType.allCases.map(\.rawValue) {
            #expect(Self.readme.contains("`\(column)`"), "notebooks-data/README.md does not document `\(column)`")
        }
    }
}
