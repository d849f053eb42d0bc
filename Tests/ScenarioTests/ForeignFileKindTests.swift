import Scenario
import Testing

/// A model file that is really an nginx.conf or an access log: the error says
/// what it looks like and names the command that reads it.
@Suite struct ForeignFileKindTests {
    static let nginxConf = """
        # /etc/nginx/nginx.conf
        user www-data;
        worker_processes 4;

        events {
            worker_connections 1024;
        }

        http {
            upstream app { server 10.0.0.1:8080; keepalive 32; }
            server { listen 80; location / { proxy_pass http://app; } }
        }
        """

    static let accessLog = """
        10.1.2.3 - - [04/Dec/2026:07:40:31 +0000] "GET /api/items?id=7 HTTP/1.1" 200 512 "-" "curl/8.5.0"
        10.1.2.4 - alice [04/Dec/2026:07:40:31 +0000] "POST /api/orders HTTP/1.1" 201 88 "https://shop.example/" "Mozilla/5.0"
        10.1.2.3 - - [04/Dec/2026:07:40:32 +0000] "GET /#top HTTP/1.1" 304 0 "-" "curl/8.5.0"
        """

    func loadError(_ text: String, file: String = "site.conf") -> String? {
        do {
            _ = try ScenarioLoader.load(file: file, bytes: Array(text.utf8))
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        (nginxConf, "/etc/nginx/nginx.conf", "/etc/nginx/nginx.conf: this looks like an nginx configuration, not a model file "
            + "(JSON5); read it into a model with: keepalive-lab nginx import /etc/nginx/nginx.conf --out MODEL.json5"),
        (accessLog, "access.log", "access.log: this looks like an nginx access log, not a model file (JSON5); turn it into "
            + "a trace with: keepalive-lab trace import access.log, and name the trace in a model's traffic section"),
    ])
    func nginxConfOrAccessLogGivenAsModelNamesTheCommandThatReadsIt(text: String, file: String, message: String) {
        #expect(loadError(text, file: file) == message)
    }

    @Test func serverBlockAloneIsRecognisedAsNginxConfiguration() {
        let snippet = "server {\n    listen 80;\n    location / { proxy_pass http://127.0.0.1:8080; }\n}\n"
        #expect(ForeignFileKind.detect(Array(snippet.utf8)) == .nginxConfiguration)
    }

    @Test func brokenJSON5ModelKeepsItsSyntaxError() {
        // Semicolons and braces, but JSON5 keys: a typo in a model, not an nginx.conf.
        let model = "{\n  nginx: {\n    worker_processes: 4;\n  }\n}\n"
        #expect(ForeignFileKind.detect(Array(model.utf8)) == nil)
        #expect(loadError(model, file: "m.json5")?.hasPrefix("m.json5:3:") == true)
    }

    @Test func arbitraryTextIsNeitherKind() {
        for text in ["", "hello world", "a;\nb;\nc {\n", "[1, 2", "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                     "10.0.0.1 - - 200 512\n"] {
            #expect(ForeignFileKind.detect(Array(text.utf8)) == nil, "\(text.debugDescription)")
        }
    }

    @Test func validModelIsNeverSecondGuessed() {
        // A JSON5 model whose comments look like nginx directives still loads as a model
        // (the detection runs only after a syntax error).
        let model = "// events {\n// worker_processes 4;\n{ nginx: { worker_processes: 1 } }\n"
        let message = loadError(model, file: "m.json5")
        #expect(message?.contains("looks like") != true)
    }
}
