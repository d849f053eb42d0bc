/// Where a command writes must not be what it reads.
enum OutputPath {
    /// Refuses `output` when it names the `input` file: the same spelling, or
    /// the same file by device and inode (`./m.json5`, a symbolic link).
    static func check(_ output: String, option: String, isNot input: String, what: String) throws(UsageError) {
        guard output != "-" else { return }
        let sameFile = FileIdentity(path: output).map { $0 == FileIdentity(path: input) } ?? false
        if output == input || sameFile {
            throw UsageError("\(option) \(output) names \(what) being read; writing there would destroy it")
        }
    }
}
