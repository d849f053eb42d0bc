import Experiments
import Scenario
import Testing

@Suite struct FieldPathParsingTests {
    @Test(arguments: [
        "nginx.upstreams.api.keepalive",
        "nginx.upstreams.api.servers[1].weight",
        "nginx.locations[\"/\"].proxy_http_version",
        "traffic.methods.GET",
    ])
    func pathsReadBackToWhatTheyPrint(text: String) throws {
        #expect(try FieldPath(parsing: text).description == text)
    }

    @Test func bracketsTakeIndicesAndQuotedKeys() throws {
        let path = try FieldPath(parsing: "nginx.locations['/api/'].servers[2]")
        #expect(path.components == [.key("nginx"), .key("locations"), .key("/api/"), .key("servers"), .index(2)])
    }

    @Test(arguments: ["", "a..b", ".a", "a.", "a[", "a[x]", "a[\"b]", "a b", "a[0]b"])
    func malformedPathsAreRefused(text: String) {
        #expect(throws: ExperimentError.self) { try FieldPath(parsing: text) }
    }
}
