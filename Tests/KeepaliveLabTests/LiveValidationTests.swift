import Foundation
import Testing

/// The model held against measurements: each bundled validation scenario
/// (models/validation) is simulated and replayed — through the built-in
/// proxy, and through real nginx (Debian's nginx-light, installed by
/// .ci/run) — with `compare`, and the numbers the model is for must agree
/// within the tolerance written next to each case, with its reason. A
/// failure prints both numbers. Each replay takes the model's 2 s in real time.
@Suite(.serialized) struct LiveValidationTests {
    /// How closely measured and simulated must agree on one metric.
    enum Tolerance: CustomStringConvertible {
        /// |measured - simulated| <= max(relative x simulated, absolute).
        case within(relative: Double, absolute: Double)

        func accepts(simulated: Double, measured: Double) -> Bool {
            switch self {
            case .within(let relative, let absolute):
                return abs(measured - simulated) <= max(relative * abs(simulated), absolute)
            }
        }

        var description: String {
            switch self {
            case .within(let relative, let absolute): return "within \(Int(relative * 100))% or \(absolute)"
            }
        }
    }

    struct Case: CustomStringConvertible, Sendable {
        var model: String
        /// Upstream connections opened per 1,000 upstream attempts: the
        /// pool's churn, independent of how many requests real time allowed
        /// (closed-loop cases send as fast as the machine answers).
        var churn: Tolerance
        var reason: String
        /// Compare absolute counts (open-loop cases send the same requests on both sides).
        var countsMatch = false
        /// How closely errors (by status), retries and stale failures must
        /// agree; nil: exactly (these cases have none on either side).
        var errors: Tolerance? = nil
        var description: String { model }
    }

    static let cases: [Case] = [
        Case(model: "no-keepalive", churn: .within(relative: 0.005, absolute: 1),
             reason: "no cache: every request opens a connection on both sides, whatever the timing", countsMatch: true),
        Case(model: "http10-upstream", churn: .within(relative: 0.005, absolute: 1),
             reason: "HTTP/1.0 upstream: the backend closes after every response", countsMatch: true),
        Case(model: "missing-connection-header", churn: .within(relative: 0.005, absolute: 1),
             reason: "Connection: close upstream: the backend closes after every response", countsMatch: true),
        Case(model: "keepalive", churn: .within(relative: 0.05, absolute: 2.6),
             reason: "reuse: a few connections per run (2.6 per 1k is one connection more of ~390 requests: "
                 + "which client connections happen to overlap varies with real timing)"),
        Case(model: "keepalive-requests", churn: .within(relative: 0.05, absolute: 2),
             reason: "keepalive_requests 10: one connection per 10 requests on both sides"),
        Case(model: "keepalive-timeout-short", churn: .within(relative: 0.05, absolute: 2),
             reason: "nginx's idle timeout expires between every two requests: one connection each"),
        Case(model: "backend-idle-below", churn: .within(relative: 0.05, absolute: 2),
             reason: "the backend closes every idle connection before the next request; on loopback its FIN "
                 + "reaches nginx at once, so nginx drops the connection while idle (no race, no 502)"),
        Case(model: "backend-idle-race", churn: .within(relative: 0.15, absolute: 10),
             reason: "the race: requests sent while the backend's FIN is on its way (20 ms, emulated) fail; which "
                 + "requests fall in that window depends on real timing, so counts vary by a few either way",
             errors: .within(relative: 0.5, absolute: 3)),
    ]

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static func modelPath(_ name: String) -> String {
        NginxSyntaxCheckTests.repositoryRoot + "/models/validation/\(name).json5"
    }

    /// `compare --format csv`'s rows: metric -> (simulated, measured).
    static func compare(_ name: String, proxy: String) throws -> [String: (simulated: Double?, measured: Double?)] {
        let run = try ToolRun.run(["compare", modelPath(name), "--proxy", proxy, "--format", "csv"])
        #expect(run.status == 0, "compare \(name) --proxy \(proxy): \(run.standardError)")
        var rows: [String: (Double?, Double?)] = [:]
        for line in run.standardOutput.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 3 else { continue }
            rows[cells[0]] = (Double(cells[1]), Double(cells[2]))
        }
        return rows
    }

    static func check(_ validation: Case, proxy: String) throws {
        let rows = try compare(validation.model, proxy: proxy)
        let churn = try #require(rows["upstream_connections_per_1k"], "no churn row for \(validation.model)")
        let simulated = try #require(churn.simulated), measured = try #require(churn.measured)
        #expect(validation.churn.accepts(simulated: simulated, measured: measured),
                "\(validation.model) through \(proxy): upstream connections per 1k requests simulated \(simulated), measured \(measured); tolerance \(validation.churn) (\(validation.reason))")
        // Errors by status, retries and stale failures.
        for metric in ["status_500", "status_502", "status_504", "status_reset", "requests_retried", "stale_failures_surfaced"] {
            let row = rows[metric]
            let agree = validation.errors.map { $0.accepts(simulated: row?.simulated ?? 0, measured: row?.measured ?? 0) }
                ?? (row?.simulated == row?.measured)
            #expect(agree, "\(validation.model) through \(proxy): \(metric) simulated \(String(describing: row?.simulated)), measured \(String(describing: row?.measured)); tolerance \(validation.errors.map(\.description) ?? "equal")")
        }
        if validation.countsMatch {
            for metric in ["requests_completed", "upstream_connections_opened"] {
                let row = rows[metric]
                #expect(row?.simulated == row?.measured, "\(validation.model) through \(proxy): \(metric) simulated \(String(describing: row?.simulated)), measured \(String(describing: row?.measured))")
            }
        }
    }

    @Test(arguments: cases)
    func theBuiltInProxyAgreesWithTheSimulation(_ validation: Case) throws {
        try Self.check(validation, proxy: "builtin")
    }

    @Test(arguments: cases)
    func realNginxAgreesWithTheSimulation(_ validation: Case) throws {
        guard NginxSyntaxCheckTests.nginx != nil else {
            if Self.isCI { Issue.record("nginx is not installed: .ci/run installs Debian's nginx-light; this test needs it on CI") }
            return
        }
        try Self.check(validation, proxy: "nginx")
    }

    /// A pool too small under concurrency (keepalive 2, 32 client
    /// connections, 1 and 2 workers): how much the pool churns depends on
    /// how responses and requests interleave in real time, which the model
    /// does not see yet (issue 13: bursts, shared CPU, how connections
    /// split across workers). Measured on this rig the simulation is off
    /// by more than 0.1 new connections per request in either direction:
    /// 1 worker: 0.75 simulated (every response of a millisecond leaves
    /// together, in lockstep), 0.06 measured on an idle machine and up to
    /// 0.69 on a loaded one; 2 workers: 0.66 simulated, 0.02–0.76 measured.
    /// Recorded as known issues until the model explains them; the numbers
    /// print every run.
    @Test(arguments: ["small-pool-1w", "small-pool-2w"], ["builtin", "nginx"])
    func smallPoolsUnderConcurrencyAreAKnownDisagreement(_ model: String, _ proxy: String) throws {
        if proxy == "nginx" && NginxSyntaxCheckTests.nginx == nil { return }
        let rows = try Self.compare(model, proxy: proxy)
        let churn = try #require(rows["upstream_connections_per_1k"])
        withKnownIssue("issue 13: \(model) through \(proxy): simulated \(churn.simulated ?? -1), measured \(churn.measured ?? -1) per 1k",
                       isIntermittent: true) {
            #expect(Tolerance.within(relative: 0, absolute: 100).accepts(simulated: churn.simulated ?? 0, measured: churn.measured ?? 0))
        }
        #expect(churn.measured != nil && churn.simulated != nil)
    }
}
