import Glibc

/// Where a command writes: data on `out` (standard output), diagnostics and
/// progress on `err` (standard error).
struct Console {
    var out: OutputStream
    var err: OutputStream
    /// Whether colour is allowed: never when NO_COLOR is set (https://no-color.org)
    /// or standard output is not a terminal. The tool prints plain text today;
    /// a command that adds colour must ask here first.
    let allowsColour: Bool

    init(out: OutputStream = .standardOutput, err: OutputStream = .standardError) {
        self.out = out
        self.err = err
        let noColour = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        allowsColour = !noColour && isatty(out.fileDescriptor) == 1
    }
}
