/// A command that was invoked correctly but could not do its work: exit status 1.
struct CommandFailure: Error, Sendable {
    /// What went wrong, naming the file, field or resource involved.
    var message: String
    /// The exit status: 1, or 130 for a run Ctrl-C stopped.
    var status: ExitStatus = .failure

    init(_ message: String, status: ExitStatus = .failure) { self.message = message; self.status = status }

    /// Ctrl-C stopped a live run; its partial report is already out.
    static let interrupted = CommandFailure("interrupted (Ctrl-C): the report above covers the traffic sent until then",
                                            status: .interrupted)
}
