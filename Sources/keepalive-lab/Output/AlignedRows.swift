/// Label/value lines with the values aligned in one column, for the
/// benchmarks' text reports.
enum AlignedRows {
    static func text(_ rows: [(label: String, value: String)]) -> String {
        let width = (rows.map(\.label.count).max() ?? 0) + 2
        return rows.map { label, value in
            label + String(repeating: " ", count: width - label.count) + value + "\n"
        }.joined()
    }
}
