import Foundation

/// Files under /proc, read whole. They report size 0, so a reader that
/// trusts the size stops early: these are read until end of file.
public enum ProcFile {
    /// The file's text; nil when it cannot be opened.
    public static func text(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    }

    /// The fields of /proc/PID/stat after the command name: "pid (comm) state
    /// ppid ...", where the comm may hold spaces and parentheses, so the
    /// fields start after its last ")". Index 0 is the state, 1 the parent
    /// pid, 11 and 12 utime and stime (fields 3, 4, 14 and 15 of proc(5)).
    public static func processStatFields(_ pid: Int32) -> [Substring]? {
        guard let text = text("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }
}
