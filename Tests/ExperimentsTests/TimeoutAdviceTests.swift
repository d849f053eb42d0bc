import Experiments
import ProxyModel
import Testing

@Suite struct TimeoutAdviceTests {
    private func advice(profile: String, written: TimeSpan? = nil, version: NginxVersion = .firstModern) throws -> TimeoutAdvice {
        let policy = try BackendProfile.named(profile).policy
        return TimeoutAdvice(written: written, effective: written ?? .seconds(60), version: version,
                             backends: [.init(name: "app", profile: profile, policy: policy)],
                             responseReadDelay: .microseconds(250))
    }

    @Test(arguments: [("node-20", 4), ("uvicorn", 4), ("gunicorn-gthread", 1), ("puma-6", 15), ("node-26", 60), ("tomcat", 15)])
    func theTimeoutIsTheLargestRoundValueASecondBelowTheBackends(profile: String, seconds: Int64) throws {
        let result = try advice(profile: profile)
        #expect(result.recommended == .seconds(seconds))
        #expect(result.reason.hasPrefix("keepalive_timeout \(seconds)s: below the backend's idle close at "))
    }

    @Test func aBackendThatNeverClosesLeavesNginxsTimer() throws {
        let result = try advice(profile: "go-default")
        #expect(result.recommended == nil)
        #expect(result.reason.contains("never close idle connections"))
    }

    @Test func nginxWithoutAnUpstreamKeepaliveTimeoutIsTold() throws {
        let result = try advice(profile: "node-20", version: NginxVersion(1, 14, 2))
        #expect(result.recommended == nil)
        #expect(result.reason.contains("nginx 1.14.2 has none (added in 1.15.3)"))
    }

    @Test func aWrittenTimeoutIsJudgedNotReplaced() throws {
        let safe = try advice(profile: "node-20", written: .seconds(3))
        #expect(safe.recommended == nil)
        #expect(safe.reason.hasPrefix("keepalive_timeout 3s (as written): below the backend's idle close at 6s (node-20)"))
        let unsafe = try advice(profile: "node-20", written: .seconds(6))
        #expect(unsafe.reason.contains("NOT below the backend's idle close at 6s"))
        #expect(unsafe.reason.hasSuffix("set it to 4s or less"))
    }
}
