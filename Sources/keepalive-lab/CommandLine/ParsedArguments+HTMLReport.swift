extension ParsedArguments {
    /// `--report FILE.html` (see `OptionDefinition.htmlReport`). Standard
    /// output (`-`) is refused: it carries the command's own report.
    func htmlReportPath() throws(UsageError) -> String? {
        guard let path = stringIfPresent("report") else { return nil }
        if path == "-" {
            throw UsageError("--report writes an HTML file; give its path (standard output carries the command's own output)")
        }
        return path
    }
}
