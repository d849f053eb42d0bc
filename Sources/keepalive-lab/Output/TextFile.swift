import Glibc

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

    /// Reads the file at `path` as UTF-8.
    static func read(_ path: String) throws(CommandFailure) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CommandFailure("cannot read '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            bytes.append(contentsOf: chunk[0..<count])
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
