import Glibc

/// One line of status on standard error, replaced in place (`plan: candidate 3: keepalive 4`);
/// shown only when standard error is a terminal.
struct StatusLine {
    let isShown: Bool
    private var isDrawn = false

    init(console: Console) { isShown = isatty(console.err.fileDescriptor) == 1 }

    mutating func show(_ text: String, console: inout Console) {
        guard isShown else { return }
        console.err.write("\r" + text + "\u{1B}[K")
        console.err.flush()
        isDrawn = true
    }

    /// Erases the line, so that what follows starts clean.
    mutating func clear(console: inout Console) {
        guard isShown, isDrawn else { return }
        console.err.write("\r\u{1B}[K")
        console.err.flush()
        isDrawn = false
    }
}
