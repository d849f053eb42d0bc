import Traffic

/// `keepalive-lab trace import ACCESS.LOG`: an nginx access log as a trace.
struct TraceImportCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "import",
        abstract: "Turn an nginx access log (plain or gzip) into a trace.",
        discussion: """
            Reads the log with the log_format it was written with (--log-format: \
            'combined', nginx's default, or the format's text as in nginx.conf, quotes and \
            all, even the whole 'log_format NAME ...;' directive) and writes a trace: \
            send time, client, method, URI, body sizes, the client's IPv4 address, and \
            what the log observed (status, $request_time, $upstream_connect_time — 0 is a \
            cached connection, or a connect quicker than nginx's millisecond clock; - is \
            no connection made —, $upstream_response_time, attempts, $connection and \
            $connection_requests).

            How the trace is reconstructed (each rule that applies is noted on standard \
            error): send time = log time - $request_time (nginx logs a request when it \
            ends); $msec is known to the millisecond, $time_local and $time_iso8601 only \
            to the second, so the n lines of one second are spread evenly over it; lines \
            are reordered by send time within --reorder-window; clients are the distinct \
            $remote_addr (with $host, when logged: a browser's connections per host name). \
            Lines that cannot be used (not matching the format, a client that sent no HTTP \
            request, a method the model does not simulate) are counted and the first ones \
            shown with their line numbers; none is skipped silently. gzip input (also \
            concatenated members) is read directly; one that inflates over 250 times is refused.

            Examples:
              keepalive-lab trace import access.log --out trace.csv
              keepalive-lab trace import access.log.2.gz --log-format '$remote_addr [$time_local] "$request" $status $body_bytes_sent $request_time' -o trace.csv
            """,
        options: [
            .outFile("TRACE.csv", holding: "the trace"),
            OptionDefinition(
                name: "log-format", valueName: "FORMAT", kind: .text, defaultValue: "combined",
                help: "The log_format the log was written with: combined, or nginx's variable syntax."),
            OptionDefinition(
                name: "reorder-window", valueName: "DURATION", kind: .duration, defaultValue: "60s",
                help: "How long a request may take and still be put in its place by send time."),
            OptionDefinition(
                name: "show-bad-lines", valueName: "N", kind: .integer(0...100_000), defaultValue: "20",
                help: "How many unusable lines to show with their line numbers."),
        ],
        arguments: [
            ArgumentDefinition(name: "log", valueName: "ACCESS.LOG", help: "The nginx access log (plain or gzip)."),
        ],
        command: TraceImportCommand.self
    )

    var logPath: String
    var outPath: String
    var format: AccessLogFormat
    var reorderWindow: Int64
    var shownBadLines: Int

    init(_ arguments: ParsedArguments) throws(UsageError) {
        logPath = arguments.string("log")
        outPath = arguments.stringIfPresent("out") ?? "-"
        let formatText = arguments.string("log-format")
        do {
            format = try AccessLogFormat(parsing: formatText)
        } catch {
            throw UsageError("--log-format: \(error.message)")
        }
        reorderWindow = arguments.duration("reorder-window").nanoseconds
        shownBadLines = arguments.integer("show-bad-lines")
        try OutputPath.check(outPath, option: "--out", isNot: logPath, what: "the access log")
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        let sink = try TraceSink(path: outPath, writer: TraceFileWriter(columns: [.uri, .clientAddress, .observed]))
        let report: AccessLogImport.Report
        do {
            report = try AccessLogImport.run(path: logPath, options: .init(format: format, reorderWindow: reorderWindow,
                                                                          shownBadLines: shownBadLines)) { sink.write($0) }
        } catch {
            sink.discard()
            throw CommandFailure(error.description + (outPath == "-" ? "" : " (nothing written to '\(outPath)')"))
        }
        try sink.finish()
        for bad in report.shownBadLines { console.err.writeLine("\(logPath):\(bad.line): \(bad.message)") }
        if report.badLines > report.shownBadLines.count {
            console.err.writeLine("... and \(report.badLines - report.shownBadLines.count) more lines not imported (--show-bad-lines N shows more)")
        }
        for note in report.notes { console.err.writeLine("note: \(note)") }
        let span = report.firstLoggedAt.flatMap { first in report.lastLoggedAt.map { ($0 - first) / 1_000_000_000 } } ?? 0
        console.err.writeLine("imported \(report.imported) requests from \(report.clients) clients over \(span)s of log"
            + " (\(report.lines) lines\(report.compressed ? ", gzip" : ""); \(report.badLines) not imported"
            + (report.blankLines > 0 ? ", \(report.blankLines) blank" : "") + ")")
        guard report.imported > 0 else {
            sink.discard()
            throw CommandFailure("no line of '\(logPath)' could be imported: is --log-format the log_format the log was written with?")
        }
        if outPath != "-" {
            console.err.writeLine("replay it with traffic: { trace: \"\(outPath)\" } in a model (the path relative to the model file)")
        }
    }
}
