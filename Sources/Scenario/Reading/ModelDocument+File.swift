/// Reading a model from disk (see `WholeFile` for why not Foundation, and the size limit).
extension ModelDocument {
    /// Reads and parses a file; `path` is how diagnostics name it.
    public init(contentsOfFile path: String) throws(Diagnostics) {
        switch readFileBytes(atPath: path) {
        case .success(let bytes):
            try self.init(file: path, bytes: bytes)
        case .failure(let reason):
            throw Diagnostics([Diagnostic(file: path, location: nil, message: "cannot read the file: \(reason.description)")])
        }
    }

    /// The most a model file may hold: real models are a few kilobytes, and
    /// one listing 20,000 servers is about 1 MiB.
    public static let maximumFileBytes = 16 << 20
}

/// A model file's whole contents (a free function: inside `ModelDocument`, `read` names its methods).
func readFileBytes(atPath path: String) -> Result<[UInt8], WholeFile.Failure> {
    WholeFile.bytes(atPath: path, limit: ModelDocument.maximumFileBytes, what: "a model file")
}
