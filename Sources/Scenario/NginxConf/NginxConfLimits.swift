/// The bounds `nginx import` reads within, so that a hostile or broken file
/// is refused with a message instead of exhausting memory or the stack.
/// nginx itself has none of these; real configurations stay far below them.
public struct NginxConfLimits: Sendable {
    /// The largest file read (an included one too): 16 MiB.
    public var maximumFileBytes: Int = 16 << 20
    /// All files together: 64 MiB.
    public var maximumTotalBytes: Int = 64 << 20
    /// Files read in all, the main file and every included one: 4096.
    public var maximumFiles: Int = 4096
    /// Directives in all files together: 1,000,000 (a big `geo` or `map` has tens of thousands).
    public var maximumDirectives: Int = 1_000_000
    /// Notes listed; beyond them one line says how many more there were.
    public var maximumNotes: Int = 1_000
    /// Blocks inside blocks (`http { server { location { ...`): 64.
    public var maximumBlockDepth: Int = 64
    /// Includes inside included files: 32 (a cycle is refused before that).
    public var maximumIncludeDepth: Int = 32

    public init() {}
}
