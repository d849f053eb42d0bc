import Glibc

/// Which file a path names, by device and inode, so that two spellings of
/// one path (`m.json5`, `./m.json5`, a symbolic link) are recognised as the same file.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64

    /// The file at `path`, or nil when there is none (or it cannot be examined).
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}
