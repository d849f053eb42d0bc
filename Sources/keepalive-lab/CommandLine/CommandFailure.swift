/// A command that was invoked correctly but could not do its work: exit status 1.
struct CommandFailure: Error, Sendable {
    /// What went wrong, naming the file, field or resource involved.
    var message: String

    init(_ message: String) { self.message = message }
}
