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
            case .within(let relative, let absolute):
                if absolute == 0 { return "within \(Int(relative * 100))%" }
                return relative == 0 ? "within \(absolute)" : "within \(Int(relative * 100))% or \(absolute)"
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

    /// A pool too small under concurrency (issue 13 item 6), compared as
    /// distributions: `compare --seeds 10 --repeat 3` (10 simulated
    /// replications against 3 real runs, each a fresh rig, 2 s each), so
    /// that one run disturbed by the machine cannot decide the verdict. The
    /// checks are issue 13's: the new-connection fraction (backend accepts
    /// per upstream attempt) within 0.1 absolute, requests per second and
    /// p50 within 15%, on the medians; errors (none on either side) within
    /// one per 1,000 requests. Which checks do not hold yet is written per
    /// case in `knownDisagreements`, each with its reason; every other
    /// check must pass. Both distributions print on every run.
    struct SmallPoolCase: CustomStringConvertible, Sendable {
        /// The model, relative to the repository.
        var model: String
        /// The checks that do not hold yet, each with why.
        var knownDisagreements: [SmallPoolCheck: String]
        var description: String { model }
    }

    enum SmallPoolCheck: String, CaseIterable, Sendable {
        case newConnectionFraction = "new_connection_fraction"
        case requestsPerSecond = "completed_per_second"
        case p50 = "latency_p50_ms"
        case errors = "error_ratio"

        var tolerance: Tolerance {
            switch self {
            case .newConnectionFraction: return .within(relative: 0, absolute: 0.1)
            case .requestsPerSecond, .p50: return .within(relative: 0.15, absolute: 0)
            case .errors: return .within(relative: 0, absolute: 0.001)
            }
        }
    }

    /// models/validation's two small-pool cases place nothing on a host: the
    /// simulator answers as fast as their costs allow (8,012 requests/s
    /// against ~7,200 real; p50 4.0 ms against 4.2).
    static let timingNotModelled = "no hosts: these cases do not say that the processes share this machine's 2 cores "
        + "(models/small-pools do, with its calibration)"

    /// models/small-pools share a 2-core host with this machine's calibration
    /// (`calibrate --proxy nginx --like`), measured through real nginx on a quiet
    /// machine: requests per second within 15% on all four (5 runs of 6 s each,
    /// issue 13's closing table). Still known here, for reasons each entry gives:
    /// the built-in proxy spends its own CPU, not nginx's; the test's 2-s runs
    /// start cold; and the suite runs other suites beside it on the same cores.
    static let sharesTheCoresWithOtherSuites = "with hosts and this machine's calibration, within 15% through nginx on a quiet "
        + "machine (issue 13's table); here other test suites share the 2 cores, and the built-in proxy's CPU is not nginx's"
    static let p50Narrower = "the simulated latency is narrower than the real one (p50 next to the mean, where the real p50 "
        + "is below it): +25% at 32 and 64 connections with rps within 15%"

    /// The small-pool cases: the two of models/validation and every model
    /// of models/small-pools (a case added there is checked in full until
    /// a known disagreement is written for it).
    static var smallPoolCases: [SmallPoolCase] {
        let directory = NginxSyntaxCheckTests.repositoryRoot + "/models/small-pools"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json5") }.sorted()
        return (["models/validation/small-pool-1w.json5", "models/validation/small-pool-2w.json5"]
                + files.map { "models/small-pools/\($0)" }).map { model in
            let name = String(model.split(separator: "/").last ?? "").replacingOccurrences(of: ".json5", with: "")
            return SmallPoolCase(model: model, knownDisagreements: knownDisagreements[name] ?? [:])
        }
    }

    /// The checks that do not hold yet, by case, each with why. Measured on
    /// the 2-core build machine (3 real runs of 2 s each; simulated: 10 seeds).
    /// Errors (none on either side) hold everywhere, and so does the
    /// new-connection fraction of w1-keepalive1-c4.
    static let knownDisagreements: [String: [SmallPoolCheck: String]] = [
        "small-pool-1w": [
            .newConnectionFraction: "0.75 simulated; real runs 0.25-0.80 with the machine's load (the Go-like backend answers "
                + "on the exact microsecond, so how responses bunch depends on the scheduler; no hosts, no calibration)",
            .requestsPerSecond: timingNotModelled, .p50: timingNotModelled,
        ],
        "small-pool-2w": [
            .newConnectionFraction: "0.63 simulated; real 0.10-0.76 over runs and machine loads: how 32 client connections "
                + "split over 2 workers changes from run to run (no hosts, no calibration)",
            .requestsPerSecond: timingNotModelled, .p50: timingNotModelled,
        ],
        "w1-keepalive1-c4": [
            .requestsPerSecond: sharesTheCoresWithOtherSuites,
            .p50: "the backend's 1 ms timer on both sides: 0.98 ms through nginx, 0.89 simulated, but 1.0-1.5 ms through the "
                + "built-in proxy (its CPU is not nginx's)",
        ],
        "w1-keepalive2-c32": [
            .newConnectionFraction: "0.72 simulated; real 0.65-0.68 on a quiet machine (issue 13's table), 0.60-0.69 here "
                + "with other suites on the 2 cores: the edge of the 0.1 bound",
            .requestsPerSecond: sharesTheCoresWithOtherSuites, .p50: p50Narrower,
        ],
        "w2-keepalive2-c32": [
            .newConnectionFraction: "a cold 2-s run: the simulation puts the 32 connections that arrive together on one worker "
                + "(0.70, as with 1 worker), real nginx spreads them (0.50-0.66); 10-s runs: 0.56 simulated, 0.50-0.57 real",
            .requestsPerSecond: sharesTheCoresWithOtherSuites, .p50: p50Narrower,
        ],
        "w4-keepalive4-c64": [
            .newConnectionFraction: "4 workers split 64 connections differently every run: real 0.18-0.54, simulated 0.40-0.47",
            .requestsPerSecond: sharesTheCoresWithOtherSuites, .p50: p50Narrower,
        ],
    ]

    /// `compare --format csv` with distributions: metric -> column -> cell.
    static func compareDistributions(_ model: String, proxy: String) throws -> [String: [String: String]] {
        let run = try ToolRun.run(["compare", NginxSyntaxCheckTests.repositoryRoot + "/" + model, "--proxy", proxy,
                                   "--seeds", "10", "--repeat", "3", "--duration", "2s", "--format", "csv"])
        #expect(run.status == 0, "compare \(model) --proxy \(proxy): \(run.standardError)")
        return CompareDistributionTests.csvRows(run.standardOutput)
    }

    @Test func everySmallPoolModelIsACase() {
        #expect(Self.smallPoolCases.count >= 5, "\(Self.smallPoolCases)")
    }

    @Test(arguments: smallPoolCases, ["builtin", "nginx"])
    func smallPoolsAgreeAsDistributionsWhereTheModelExplainsThem(_ validation: SmallPoolCase, _ proxy: String) throws {
        if proxy == "nginx" && NginxSyntaxCheckTests.nginx == nil {
            if Self.isCI { Issue.record("nginx is not installed: .ci/run installs Debian's nginx-light; this test needs it on CI") }
            return
        }
        let rows = try Self.compareDistributions(validation.model, proxy: proxy)
        for check in SmallPoolCheck.allCases {
            let row = try #require(rows[check.rawValue], "no \(check.rawValue) row for \(validation.model)")
            let distributions = "\(validation.model) through \(proxy): \(check.rawValue) simulated median \(row["simulated"] ?? "-") "
                + "(\(row["simulated_min"] ?? "-")..\(row["simulated_max"] ?? "-"), \(row["simulations"] ?? "0") seeds), "
                + "measured median \(row["measured"] ?? "-") (\(row["measured_min"] ?? "-")..\(row["measured_max"] ?? "-"), "
                + "\(row["runs"] ?? "0") runs); tolerance \(check.tolerance)"
            print(distributions)
            let simulated = try #require(row["simulated"].flatMap(Double.init), "\(distributions)")
            let measured = try #require(row["measured"].flatMap(Double.init), "\(distributions)")
            let agree = check.tolerance.accepts(simulated: simulated, measured: measured)
            if let reason = validation.knownDisagreements[check] {
                withKnownIssue("\(distributions): \(reason)", isIntermittent: true) { #expect(agree, "\(distributions)") }
            } else {
                #expect(agree, "\(distributions)")
            }
        }
    }
}
