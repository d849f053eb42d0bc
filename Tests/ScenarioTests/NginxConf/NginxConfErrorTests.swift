import ProxyModel
import Scenario
import Testing

/// Broken nginx.conf files: each is one error naming the file and line in
/// nginx's own words, never a crash or a hang.
@Suite struct NginxConfErrorTests {
    static let location = "http { server { location / { proxy_pass http://10.0.0.1; } } }\n"

    /// The error importing `text` as nginx.conf gives, as `FILE:LINE: message` with the directory left out.
    private func importError(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String? {
        let files = try NginxConfFiles(["nginx.conf": text])
        defer { files.remove() }
        guard let error = files.importing("nginx.conf").failure else {
            Issue.record("expected an error for \(text.debugDescription)", sourceLocation: sourceLocation)
            return nil
        }
        return error.description.replacingOccurrences(of: files.directory + "/", with: "")
    }

    @Test(arguments: [
        ("http { }\n}\n", "nginx.conf:2: unexpected \"}\""),
        ("http {\n server {\n", "nginx.conf:3: unexpected end of file, expecting \"}\""),
        ("worker_processes 4", "nginx.conf:1: unexpected end of file, expecting \";\" or \"}\""),
        ("events {}\n;\n", "nginx.conf:2: unexpected \";\""),
        ("{ }", "nginx.conf:1: unexpected \"{\""),
        ("http { server { location / { proxy_pass \"http://a; } } }\n", "nginx.conf:2: unexpected end of file, expecting \";\" or \"}\""),
        ("http { server_name \"a\"b; }", "nginx.conf:1: unexpected \"b\""),
        ("http { gzip on }", "nginx.conf:1: unexpected \"}\""),
    ])
    func syntaxErrorsReadLikeNginxs(text: String, expected: String) throws {
        #expect(try importError(text) == expected)
    }

    @Test(arguments: [
        ("worker_processes many;\n" + location, "nginx.conf:1: invalid value \"many\" in \"worker_processes\" directive"),
        ("events { multi_accept yes; }\n" + location,
         "nginx.conf:1: invalid value \"yes\" in \"multi_accept\" directive, it must be \"on\" or \"off\""),
        ("http { upstream a { server 10.0.0.1 weight=0; } server { location / { proxy_pass http://a; } } }",
         "nginx.conf:1: invalid parameter \"weight=0\""),
        ("http { upstream a { server 10.0.0.1; random; } server { location / { proxy_pass http://a; } } }",
         "nginx.conf:1: balancing method \"random\" is not modelled; the model covers round robin, least_conn, hash and ip_hash"),
        ("http { server { location / { proxy_pass ftp://x; } } }", "nginx.conf:1: invalid URL prefix in \"ftp://x\""),
        ("http { server { location / { proxy_http_version 2; proxy_pass http://x; } } }",
         "nginx.conf:1: invalid value \"2\" in \"proxy_http_version\" directive, it must be \"1.0\" or \"1.1\""),
        ("http { keepalive_timeout 5x; }", "nginx.conf:1: invalid value \"5x\" in \"keepalive_timeout\" directive"),
        ("events { worker_connections; }", "nginx.conf:1: invalid number of arguments in \"worker_connections\" directive"),
        ("worker_processes 5000;\n" + location, "nginx.conf:1: \"worker_processes 5000\": the model covers 1 to 1024"),
        ("http { server { } }", "nginx.conf: no location passes requests with proxy_pass: nothing to model"),
        ("events { }", "nginx.conf: no \"http\" block: nothing proxies HTTP requests to model"),
    ])
    func invalidValuesReadLikeNginxs(text: String, expected: String) throws {
        #expect(try importError(text) == expected)
    }

    @Test func nginxsOwnChecksPointAtTheDirectiveThatWroteTheValue() throws {
        let text = """
            http {
                upstream a {
                    server 10.0.0.1;
                    keepalive 8 local;
                }
                server { location / { proxy_pass http://a; } }
            }
            """
        let message = try #require(try importError(text))
        #expect(message.hasPrefix("nginx.conf:4: "), "\(message)")
        #expect(message.contains("local"), "\(message)")
    }

    @Test func anIncludeCycleIsAnError() throws {
        let files = try NginxConfFiles([
            "nginx.conf": "http { include a.conf; }",
            "a.conf": "include b.conf;",
            "b.conf": "include a.conf;",
        ])
        defer { files.remove() }
        let error = try #require(files.importing("nginx.conf").failure)
        #expect(error.file == files.path("b.conf") && error.line == 1)
        #expect(error.message.contains("include cycle"), "\(error)")
    }

    @Test(arguments: ["missing.conf", "directory"])
    func anUnreadableIncludeIsAnErrorAtTheInclude(target: String) throws {
        let files = try NginxConfFiles(["nginx.conf": "events {}\nhttp { include \(target); }", "directory/x": ""])
        defer { files.remove() }
        let error = try #require(files.importing("nginx.conf").failure)
        #expect(error.file == files.path("nginx.conf") && error.line == 2)
        #expect(error.message.hasPrefix("cannot read included \"\(files.path(target))\": "), "\(error)")
    }

    @Test func aGlobThatMatchesNothingIsANote() throws {
        let files = try NginxConfFiles(["nginx.conf": "include none/*.conf;\n" + Self.location])
        defer { files.remove() }
        let result = try files.importing("nginx.conf").get()
        #expect(result.notes.contains("include none/*.conf (line 1) matched no files"))
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() throws {
        let depth = 100_000
        let text = String(repeating: "a {", count: depth) + String(repeating: "}", count: depth)
        let message = try #require(try importError(text))
        #expect(message == "nginx.conf:1: blocks nested more than 64 deep")
    }

    @Test func aFileAboveTheSizeLimitIsAnError() throws {
        let files = try NginxConfFiles()
        defer { files.remove() }
        let limit = NginxConfLimits().maximumFileBytes
        try files.write("nginx.conf", bytes: [UInt8](repeating: UInt8(ascii: " "), count: limit + 1))
        let error = try #require(files.importing("nginx.conf").failure)
        #expect(error.message.contains("larger than 16 MiB"), "\(error)")
    }

    @Test func includedFilesTogetherAboveTheTotalLimitAreAnError() throws {
        var limits = NginxConfLimits()
        limits.maximumTotalBytes = 1_000
        let files = try NginxConfFiles([
            "nginx.conf": "include parts/*.conf;\n" + Self.location,
            "parts/a.conf": String(repeating: "#", count: 600),
            "parts/b.conf": String(repeating: "#", count: 600),
        ])
        defer { files.remove() }
        let error = try #require(files.importing("nginx.conf", options: NginxConfFiles.options(limits: limits)).failure)
        #expect(error.message.contains("in all"), "\(error)")
    }

    @Test func tooManyDirectivesAreAnErrorAndTooManyNotesAreSummed() throws {
        var limits = NginxConfLimits()
        limits.maximumNotes = 3
        let files = try NginxConfFiles(["nginx.conf": String(repeating: "a;\n", count: 10) + Self.location])
        defer { files.remove() }
        let notes = try files.importing("nginx.conf", options: NginxConfFiles.options(limits: limits)).get().notes
        #expect(Array(notes.prefix(4)) == ["ignored: a (line 1)", "ignored: a (line 2)", "ignored: a (line 3)", "... and 7 more notes"])
        limits.maximumDirectives = 5
        let error = try #require(files.importing("nginx.conf", options: NginxConfFiles.options(limits: limits)).failure)
        #expect(error.line == 6 && error.message == "more than 5 directives; nginx import reads at most that many", "\(error)")
    }

    @Test func aMissingFileNamesTheSystemsReason() throws {
        let files = try NginxConfFiles()
        defer { files.remove() }
        let error = try #require(files.importing("absent.conf").failure)
        #expect(error.description == files.path("absent.conf") + ": cannot read the file: No such file or directory")
    }
}
