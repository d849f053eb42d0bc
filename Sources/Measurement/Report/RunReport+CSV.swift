/// The report as CSV: a header and one row, provenance first, then the
/// metrics (`RunReport.metrics`). Every report has the same header, so rows
/// of many runs can be appended under one.
extension RunReport {
    /// Provenance and metrics, the CSV columns in order.
    public var csvFields: [ReportMetric] { provenanceFields + metrics }

    /// The column names, as one CSV line.
    public var csvHeader: String { CSVWriter.line(csvFields.map(\.name)) }

    /// The values, as one CSV line.
    public var csvRow: String { CSVWriter.line(csvFields.map(\.text)) }

    /// Header and row.
    public var csv: String {
        let fields = csvFields
        return CSVWriter.line(fields.map(\.name)) + CSVWriter.line(fields.map(\.text))
    }
}
