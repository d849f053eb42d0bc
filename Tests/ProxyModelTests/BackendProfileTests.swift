import ProxyModel
import Testing

/// The named backend profiles (backends-and-costs.md).
struct BackendProfileTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        var name: String
        var idleTimeout: TimeSpan?
        var closeDelay: TimeSpan = .zero
        var maxRequests: Int? = nil
        var alwaysCloses = false
        var loadShedding: BackendLoadShedding = .none
        var testDescription: String { name }
    }

    static let table: [Expected] = [
        Expected(name: "node-20", idleTimeout: .seconds(5), closeDelay: .seconds(1)),
        Expected(name: "node-26", idleTimeout: .seconds(65), closeDelay: .seconds(1)),
        Expected(name: "go-default", idleTimeout: nil),
        Expected(name: "gunicorn-sync", idleTimeout: nil, alwaysCloses: true),
        Expected(name: "gunicorn-gthread", idleTimeout: .seconds(2)),
        Expected(name: "uvicorn", idleTimeout: .seconds(5)),
        Expected(name: "puma-6", idleTimeout: .seconds(20), loadShedding: .closeAfterResponseWhenSaturated),
        Expected(name: "puma-7", idleTimeout: .seconds(65), maxRequests: 999),
        Expected(name: "apache", idleTimeout: .seconds(5), maxRequests: 100,
                 loadShedding: .closeIdleConnectionsWhenSaturated),
        Expected(name: "tomcat", idleTimeout: .seconds(20), maxRequests: 100),
        Expected(name: "tomcat-embedded", idleTimeout: .seconds(60), maxRequests: 100),
        Expected(name: "jetty", idleTimeout: .seconds(30)),
        Expected(name: "kestrel", idleTimeout: .seconds(130)),
        Expected(name: "envoy", idleTimeout: .hours(1)),
    ]

    @Test(arguments: table)
    func profileCarriesTheServersShippedDefaults(expected: Expected) throws {
        let profile = try BackendProfile.named(expected.name)
        #expect(profile.name == expected.name)
        #expect(profile.policy.idleTimeout == expected.idleTimeout)
        #expect(profile.policy.idleCloseDelay == expected.closeDelay)
        #expect(profile.policy.maxRequestsPerConnection == expected.maxRequests)
        #expect(profile.policy.alwaysCloses == expected.alwaysCloses)
        #expect(profile.policy.loadShedding == expected.loadShedding)
        #expect(profile.policy.closeStyle == .fin)
        #expect(!profile.source.isEmpty && !profile.summary.isEmpty)
    }

    @Test func everyProfileIsListedOnceInTheNames() {
        let names = BackendProfile.names
        #expect(Set(names).count == names.count)
        #expect(Set(names) == Set(Self.table.map(\.name) + ["go-idle"]))
    }

    @Test func unknownProfileNameListsTheValidNames() {
        #expect(throws: BackendProfile.LookupError.unknownName("nodejs", valid: BackendProfile.names)) {
            try BackendProfile.named("nodejs")
        }
        let message = BackendProfile.LookupError.unknownName("nodejs", valid: BackendProfile.names).description
        #expect(message.contains("node-20, node-26, go-default, go-idle, gunicorn-sync"))
    }

    @Test func goIdleNeedsAnIdleTimeout() throws {
        #expect(throws: BackendProfile.LookupError.idleTimeoutRequired(profile: "go-idle")) {
            try BackendProfile.named("go-idle")
        }
        let go = try BackendProfile.named("go-idle", idleTimeout: .seconds(90))
        #expect(go.policy.idleTimeout == .seconds(90))
        #expect(go.policy.idleCloseDeadline(responseWrittenAt: .zero) == Instant.zero + .seconds(90))
    }

    @Test func idleTimeoutOverrideKeepsTheServersCloseDelay() throws {
        let node = try BackendProfile.named("node-20", idleTimeout: .seconds(10))
        #expect(node.policy.effectiveIdleTimeout == .seconds(11))
    }

    @Test func nonPositiveIdleTimeoutOverrideIsRefused() {
        #expect(throws: BackendProfile.LookupError.invalidIdleTimeout(profile: "uvicorn", .zero)) {
            try BackendProfile.named("uvicorn", idleTimeout: .zero)
        }
    }
}
