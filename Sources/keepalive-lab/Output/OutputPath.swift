/// Where a command writes must not be what it reads.
enum OutputPath {
    /// Refuses `output` when it names the `input` file, as `OutputPaths`
    /// compares files (`FileLocation`: device and inode, or the real
    /// directory and name; `./m.json5`, a symbolic link). A usage error: the
    /// command line alone is wrong.
    static func check(_ output: String, option: String, isNot input: String, what: String) throws(UsageError) {
        guard output != "-" else { return }
        if FileLocation(path: output) == FileLocation(path: input) {
            throw UsageError("\(option) \(output) names \(what) being read; writing there would destroy it")
        }
    }
}
