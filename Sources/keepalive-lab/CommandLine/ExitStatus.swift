/// The process exit statuses of `keepalive-lab` (see DESIGN.md, Commands).
enum ExitStatus: Int32, Sendable {
    case success = 0
    case failure = 1
    /// EX_USAGE from BSD's sysexits.h: the command line was wrong.
    case usageError = 64
    /// 128 + SIGINT: stopped by Ctrl-C (after printing what it had, for live runs).
    case interrupted = 130
}
