import Scenario
import Testing

/// What a model file may say is bounded so that nothing it accepts can trap
/// or be ignored: durations, sizes, weights, addresses, versions, seeds; and
/// messages about bad values stay short whatever the input's size.
@Suite struct ModelBoundsTests {
    /// A one-upstream model with `extra` spliced into the places named by the markers.
    func model(nginx: String = "", upstream: String = "", server: String = "address: \"10.0.0.1:8080\"",
               traffic: String = "", run: String = "", network: String = "") -> String {
        """
        { nginx: { \(nginx) upstreams: { app: { servers: [{ \(server) }], \(upstream) } } },
          traffic: { \(traffic) }, run: { \(run) }, network: { \(network) } }
        """
    }

    func problems(_ text: String) -> [String] { ScenarioFixtures.problems(text) }

    @Test(arguments: [
        ("network.proxy_backend.one_way", "", "", "proxy_backend: { one_way: \"366d\" }"),
        ("run.drain", "", "drain: \"1000d\"", ""),
        ("run.duration", "", "duration: \"106751d\"", ""),
        ("nginx.upstreams.app.keepalive_timeout", "keepalive_timeout: \"400d\"", "", ""),
    ])
    func aDurationAbove365DaysIsRefusedWithTheBound(field: String, upstream: String, run: String, network: String) {
        let found = problems(model(upstream: upstream, run: run, network: network))
        #expect(found.count == 1 && found[0].contains("\(field): must be <= 365d (the longest duration a model accepts)"),
                "\(found)")
    }

    @Test func exactly365DaysIsAccepted() {
        #expect(problems(model(network: "proxy_backend: { one_way: \"365d\" }, client_proxy: { one_way: \"365d\" }")) == [])
    }

    @Test func aDistributionTimeAbove365DaysIsRefused() {
        let text = """
            { nginx: { upstreams: { app: { servers: [{ address: "10.0.0.1:8080", backend: "b" }] } } },
              backends: { b: { service: { cpu: { exponential: { mean: "400d" } } } } } }
            """
        #expect(problems(text).contains { $0.contains("must be <= 365d") }, "\(problems(text))")
    }

    @Test(arguments: ["10.0.0.1", "10.0.0.1:0", "10.0.0.1:65536", "10.0.0.1:999999", ":80", "host name:80", "[::1:80",
                      "10.0.0.1:http", "a:80x"])
    func aServerAddressThatIsNotHostColonPortIsRefused(address: String) {
        let found = problems(model(server: "address: \"\(address)\""))
        #expect(found.contains { $0.contains("servers[0].address: must be host:port") }, "\(found)")
    }

    @Test(arguments: ["10.0.0.1:1", "app-1.internal:65535", "[::1]:8080", "my_host:3000"])
    func hostColonPortAddressesAreAccepted(address: String) {
        #expect(problems(model(server: "address: \"\(address)\"")) == [])
    }

    @Test func proxyPassToABadAddressIsRefused() {
        let text = "{ nginx: { locations: { \"/\": { proxy_pass: \"http://10.0.0.9\" } } } }"
        #expect(problems(text).contains { $0.contains("proxy_pass: the address after http:// must be host:port") },
                "\(problems(text))")
    }

    @Test(arguments: ["0.0.1", "1.1.3", "0.9.9", "2.0.0"])
    func aVersionTheModelDoesNotKnowIsRefusedWithTheSupportedRange(version: String) {
        let found = problems(model(nginx: "version: \"\(version)\","))
        #expect(found.count == 1 && found[0].contains("the model knows nginx 1.1.4 and later 1.x versions"), "\(found)")
    }

    @Test func theOldestModelledVersionLoads() {
        #expect(problems(model(nginx: "version: \"1.1.4\",")) == [])
    }

    @Test func sizesAbove1TBAreRefused() {
        let found = problems(model(traffic: "response_bytes: 1e300"))
        #expect(found.count == 1 && found[0].contains("traffic.response_bytes: must be between 0 and 1000000000000"), "\(found)")
    }

    @Test func weightsAbove1e15AreRefusedSoTheirSumStaysFinite() {
        let found = problems(model(traffic: "methods: { GET: 1.7e308, POST: 1.7e308 }"))
        #expect(found.count == 2 && found.allSatisfy { $0.contains("must be between 0 and 1000000000000000") }, "\(found)")
    }

    @Test func aControlCharacterInALocationPathIsRefused() {
        let text = "{ nginx: { upstreams: { app: { servers: [\"10.0.0.1:8080\"] } }, locations: { \"/a\\u0000b\": {} } } }"
        #expect(problems(text).contains { $0.contains("must not contain control characters (it has U+0000)") }, "\(problems(text))")
    }

    @Test(arguments: [("9223372036854775808", UInt64(9_223_372_036_854_775_808)),
                      ("18446744073709551615", UInt64.max), ("0xFFFFFFFFFFFFFFFF", UInt64.max), ("7", 7)])
    func everySixtyFourBitSeedIsAcceptedAndPrintsBackExactly(written: String, seed: UInt64) throws {
        let loaded = try ScenarioFixtures.load(model(run: "seed: \(written)"))
        #expect(loaded.model.run.seed == seed)
        let again = try ScenarioFixtures.load(loaded.canonical)
        #expect(again.model == loaded.model)
    }

    @Test(arguments: ["18446744073709551616", "-1", "1.5"])
    func aSeedOutsideSixtyFourBitsSaysTheValidRange(written: String) {
        let found = problems(model(run: "seed: \(written)"))
        #expect(found.count == 1 && found[0].contains("must be an integer between 0 and 18446744073709551615 (2^64-1)"),
                "\(found)")
    }

    @Test func aHugeNumberIsQuotedCutShort() {
        let digits = String(repeating: "7", count: 100_000)
        let found = problems(model(upstream: "keepalive: \(digits)"))
        #expect(found.count == 1 && found[0].count < 300, "\(found.first?.prefix(400) ?? "")")
    }

    @Test func aHugeUnknownKeyIsQuotedCutShort() {
        let key = String(repeating: "k", count: 1_000_000)
        let found = problems(model(run: "\(key): 1"))
        #expect(found.count == 1 && found[0].count < 400, "\(found.first?.prefix(500) ?? "")")
    }

    @Test func twentyThousandBadReferencesPrintFiftyLinesAndACount() {
        let servers = (0..<20_000).map { "{ address: \"10.0.\($0 / 250).\($0 % 250 + 1):80\", backend: \"nope\($0)\" }" }
        let backends = (0..<30).map { "b\($0): {}" }.joined(separator: ", ")
        let text = "{ nginx: { upstreams: { app: { servers: [\(servers.joined(separator: ", "))] } } }, backends: { \(backends) } }"
        do {
            _ = try ScenarioFixtures.load(text)
            Issue.record("loaded")
        } catch {
            #expect(error.items.count == 20_000)
            let printed = error.description
            #expect(printed.split(separator: "\n").count == Diagnostics.printedLimit + 1)
            #expect(printed.hasSuffix("... and 19950 more problems like these (20000 in all)"))
            #expect(printed.count < 20_000, "\(printed.count) characters")
            #expect(printed.contains("(defined: b0, b1, b2, b3, b4, b5, b6, b7, b8, b9 and 20 more)"))
        }
    }
}
