import Foundation
import Testing

/// `keepalive-lab nginx import` and `nginx export` on the command line.
@Suite struct NginxCommandTests {
    static let conf = """
        worker_processes 2;
        events { worker_connections 512; }
        http {
            gzip on;
            upstream app { server 10.0.0.1:8080; keepalive 8; }
            server { location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; } }
        }
        """

    @Test(arguments: [["nginx", "--help"], ["nginx", "import", "--help"], ["nginx", "export", "-h"]])
    func everyNginxCommandHasHelp(arguments: [String]) throws {
        let run = try ToolRun.run(arguments)
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("OVERVIEW: "))
    }

    @Test func importWritesTheModelToOutAndNotesOnStandardError() throws {
        let files = try TestModelFile(contents: Self.conf, name: "nginx.conf")
        defer { files.remove() }
        let model = files.sibling("imported.json5")
        let run = try ToolRun.run(["nginx", "import", files.path, "--out", model, "--nginx-version", "1.22.1", "--backend-profile", "node-20"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("note: ignored: gzip on (line 4)"))
        let simulated = try ToolRun.run(["simulate", model, "--print-model"])
        #expect(simulated.status == 0, "\(simulated.standardError)")
        #expect(simulated.standardOutput.contains("profile: \"node-20\""))
        #expect(simulated.standardOutput.contains("keepalive: 8"))
    }

    @Test func importWithoutOutWritesTheModelToStandardOutput() throws {
        let files = try TestModelFile(contents: Self.conf, name: "nginx.conf")
        defer { files.remove() }
        let run = try ToolRun.run(["nginx", "import", files.path, "--nginx-version", "modern", "--cores", "3"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("version: \"1.29.7\""))
        #expect(run.standardOutput.contains("// nginx 1.29.7: from --nginx-version."))
    }

    @Test func theVersionComesFromTheInstalledNginxElseItIsAStatedDefault() throws {
        let files = try TestModelFile(contents: Self.conf, name: "nginx.conf")
        defer { files.remove() }
        let run = try ToolRun.run(["nginx", "import", files.path])
        #expect(run.status == 0, "\(run.standardError)")
        if NginxSyntaxCheckTests.nginx != nil {
            #expect(run.standardError.contains("from nginx -v ("), "\(run.standardError)")
        } else {
            #expect(run.standardError.contains("note: nginx 1.22.1: no nginx binary found and no --nginx-version"), "\(run.standardError)")
        }
    }

    @Test func aBrokenConfigurationFailsWithNginxsWords() throws {
        let files = try TestModelFile(contents: "http {\n}\n}\n", name: "nginx.conf")
        defer { files.remove() }
        let run = try ToolRun.run(["nginx", "import", files.path, "--nginx-version", "1.22.1"])
        #expect(run.status == 1)
        #expect(run.standardError == "keepalive-lab: error: \(files.path):3: unexpected \"}\"\n")
    }

    @Test(arguments: [
        (["nginx", "import", "x.conf", "--nginx-version", "1.x"], "--nginx-version '1.x' is not an nginx version"),
        (["nginx", "import", "x.conf", "--backend-profile", "node-2"], "did you mean 'node-20'?"),
        (["nginx", "import", "x.conf", "--out", "x.conf"], "--out x.conf names the nginx.conf being read"),
        (["nginx", "export", "m.json5", "--out", "m.json5"], "--out m.json5 names the model being read"),
        (["nginx", "export", "m.json5", "--port-base", "70000"], "70000 is out of range"),
        (["nginx"], "missing subcommand"),
    ])
    func usageMistakesExit64(arguments: [String], expected: String) throws {
        let run = try ToolRun.run(arguments)
        #expect(run.status == 64)
        #expect(run.standardError.contains(expected), "\(run.standardError)")
    }

    @Test func exportRefusesATimeNginxCannotWriteNamingTheField() throws {
        let files = try TestModelFile(contents: """
            { nginx: { upstreams: { app: { servers: ["10.0.0.1:80"], keepalive: 4, keepalive_timeout: "1500us" } } } }
            """)
        defer { files.remove() }
        let run = try ToolRun.run(["nginx", "export", files.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("nginx.upstreams.app.keepalive_timeout: 1.5ms: nginx writes this directive's time in whole milliseconds"),
                "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
    }

    @Test func exportPointsServersAtLoopbackPortsFromThePortBase() throws {
        let files = try TestModelFile()
        defer { files.remove() }
        let run = try ToolRun.run(["nginx", "export", files.path, "--port-base", "20000", "--prefix", "/tmp/lab"])
        #expect(run.status == 0, "\(run.standardError)")
        for line in [
            "listen 127.0.0.1:20000;",
            "server 127.0.0.1:20001;  # keepalive-lab: model address 10.0.0.1:8080",
            "server 127.0.0.1:20002;  # keepalive-lab: model address 10.0.0.2:8080",
            "pid /tmp/lab/nginx.pid;", "access_log /tmp/lab/access.log keepalive_lab;", "proxy_temp_path /tmp/lab/proxy_temp;",
        ] {
            #expect(run.standardOutput.contains(line), "the export lacks \(line)")
        }
    }
}
