import Glibc

/// Reads an nginx.conf and every file it includes into one directive tree,
/// as ngx_conf_parse() does: `include PATTERN;` (in any block) is replaced by
/// the directives of the files it names, a glob's matches in sorted order,
/// relative patterns resolved against the main file's directory (nginx's
/// conf prefix). Within `NginxConfLimits`: a cycle of includes, too deep
/// nesting or too much text is an error, never a crash or a hang.
struct NginxConfReader {
    let mainFile: String
    let limits: NginxConfLimits
    /// The directory relative `include` patterns are resolved against.
    let confPrefix: String
    private(set) var notes: [String] = []
    private var filesRead = 0
    private var bytesRead = 0
    private var directivesRead = 0
    /// The files being read, outermost first, by real path: an include of one of them is a cycle.
    private var includeStack: [String] = []

    init(mainFile: String, limits: NginxConfLimits) {
        self.mainFile = mainFile
        self.limits = limits
        self.confPrefix = ScenarioLoader.directory(of: mainFile)
    }

    /// The main file's directives.
    mutating func read() throws(NginxConfError) -> [NginxConfDirective] {
        try readFile(mainFile, includedFrom: nil)
    }

    private mutating func readFile(_ path: String, includedFrom site: (file: String, line: Int)?) throws(NginxConfError) -> [NginxConfDirective] {
        let failureSite = NginxConfError(file: site?.file ?? path, line: site?.line, message: "")
        func failure(_ message: String) -> NginxConfError {
            var error = failureSite
            error.message = message
            return error
        }
        filesRead += 1
        if filesRead > limits.maximumFiles {
            throw failure("more than \(limits.maximumFiles) files to read; nginx import reads at most that many")
        }
        if includeStack.count > limits.maximumIncludeDepth {
            throw failure("includes nested more than \(limits.maximumIncludeDepth) deep")
        }
        let identity = Self.realPath(path) ?? path
        if includeStack.contains(identity) {
            throw failure("include cycle: \"\(path)\" includes itself (through \(includeStack.count) file(s))")
        }
        let remaining = limits.maximumTotalBytes - bytesRead
        let bytes: [UInt8]
        switch Self.readBytes(path, limit: min(limits.maximumFileBytes, remaining)) {
        case .success(let read): bytes = read
        case .failure(.tooLarge(let limit)):
            throw failure(limit == limits.maximumFileBytes
                ? "\"\(path)\" is larger than \(limits.maximumFileBytes >> 20) MiB, the most nginx import reads from one file"
                : "the files read exceed \(limits.maximumTotalBytes >> 20) MiB in all, the most nginx import reads")
        case .failure(.system(let reason)):
            throw failure(site == nil ? "cannot read the file: \(reason)" : "cannot read included \"\(path)\": \(reason)")
        }
        bytesRead += bytes.count
        includeStack.append(identity)
        defer { includeStack.removeLast() }
        var lexer = NginxConfLexer(bytes: bytes, file: path)
        return try readBlock(&lexer, file: path, depth: 0, openedAt: nil)
    }

    /// Directives up to the `}` that closes a block opened at `openedAt`, or
    /// to the end of the file for the top level (ngx_conf_parse's two cases).
    private mutating func readBlock(
        _ lexer: inout NginxConfLexer, file: String, depth: Int, openedAt: Int?
    ) throws(NginxConfError) -> [NginxConfDirective] {
        var directives: [NginxConfDirective] = []
        while true {
            switch try lexer.next() {
            case .endOfFile(let line):
                if openedAt != nil { throw NginxConfError(file: file, line: line, message: "unexpected end of file, expecting \"}\"") }
                return directives
            case .blockEnd(let line):
                if openedAt == nil { throw NginxConfError(file: file, line: line, message: "unexpected \"}\"") }
                return directives
            case .directive(let words, let line, let opensBlock):
                directivesRead += 1
                if directivesRead > limits.maximumDirectives {
                    throw NginxConfError(file: file, line: line,
                                         message: "more than \(limits.maximumDirectives) directives; nginx import reads at most that many")
                }
                var directive = NginxConfDirective(
                    name: words[0], arguments: Array(words.dropFirst()), file: file, line: line, block: nil)
                if opensBlock {
                    if depth + 1 > limits.maximumBlockDepth {
                        throw NginxConfError(file: file, line: line,
                                             message: "blocks nested more than \(limits.maximumBlockDepth) deep")
                    }
                    directive.block = try readBlock(&lexer, file: file, depth: depth + 1, openedAt: line)
                    directives.append(directive)
                } else if directive.name == "include" {
                    directives += try include(directive)
                } else {
                    directive.trailingComment = lexer.trailingComment()
                    directives.append(directive)
                }
            }
        }
    }

    /// ngx_conf_include(): one argument, a path or a glob.
    private mutating func include(_ directive: NginxConfDirective) throws(NginxConfError) -> [NginxConfDirective] {
        guard directive.arguments.count == 1 else {
            throw NginxConfError(file: directive.file, line: directive.line, message: "invalid number of arguments in \"include\" directive")
        }
        let pattern = directive.arguments[0]
        let full = pattern.hasPrefix("/") || confPrefix.isEmpty ? pattern : confPrefix + "/" + pattern
        let site = (directive.file, directive.line)
        guard pattern.contains(where: { "*?[".contains($0) }) else {
            return try readFile(full, includedFrom: site)
        }
        let matches = Self.glob(full)
        if matches.isEmpty {
            notes.append("include \(pattern) (\(directive.site(mainFile: mainFile))) matched no files")
        }
        var directives: [NginxConfDirective] = []
        for match in matches { directives += try readFile(match, includedFrom: site) }
        return directives
    }

    enum ReadProblem: Error {
        case system(String)
        case tooLarge(limit: Int)
    }

    /// At most `limit` bytes of the file; more is `tooLarge` (read no further).
    static func readBytes(_ path: String, limit: Int) -> Result<[UInt8], ReadProblem> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if descriptor < 0 { return .failure(.system(String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            return .failure(.system((status.st_mode & S_IFMT) == S_IFDIR ? "Is a directory" : "not a regular file"))
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return .success(bytes) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.system(String(cString: strerror(errno))))
            }
            if bytes.count + count > limit { return .failure(.tooLarge(limit: limit)) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// The glob's matches, sorted (glob(3) sorts them, as nginx relies on).
    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { index in result.gl_pathv[index].map { String(cString: $0) } }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
