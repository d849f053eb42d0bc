import Glibc
import Scenario

/// Writing a whole text file, or standard output for the path `-`.
enum TextFile {
    /// Writes `text` to `path`, creating missing parent directories
    /// (`notebooks-data/` on a fresh checkout); `-` writes to standard output.
    static func write(_ text: String, to path: String, console: inout Console) throws(CommandFailure) {
        if path == "-" {
            console.out.write(text)
            return
        }
        try createParentDirectories(of: path)
        var stream = try OutputStream.creatingFile(atPath: path)
        stream.write(text)
        try stream.finishFile(atPath: path)
    }

    /// Reads the file at `path` as UTF-8, if it holds at most `limit` bytes;
    /// `what` names the kind of file in the message ("a sweep part").
    static func read(_ path: String, limit: Int, what: String) throws(CommandFailure) -> String {
        let bytes: [UInt8]
        switch WholeFile.bytes(atPath: path, limit: limit, what: what) {
        case .success(let read): bytes = read
        case .failure(let reason): throw CommandFailure("cannot read '\(path)': \(reason)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw CommandFailure("'\(path)' is not UTF-8 text") }
        return text
    }

    /// `mkdir -p` of the directory part of `path`.
    private static func createParentDirectories(of path: String) throws(CommandFailure) {
        var directory = ""
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for (index, part) in parts.enumerated() {
            directory += (index == 0 ? "" : "/") + part
            guard !part.isEmpty, part != "." else { continue }
            if mkdir(directory, 0o755) != 0, errno != EEXIST {
                throw CommandFailure("cannot create the directory '\(directory)': \(String(cString: strerror(errno)))")
            }
        }
    }
}
