import Randomness
import ProxyModel

/// Shared helpers for the balancer and retry tests.
enum TestUpstream {
    /// Servers named a, b, c, ... with the given weights (other parameters default).
    static func servers(weights: [Int], maxFails: Int = 1, failTimeout: TimeSpan = .seconds(10)) -> [UpstreamServer] {
        weights.enumerated().map { i, w in
            UpstreamServer(address: "10.0.0.\(i + 1):8080", weight: w, maxFails: maxFails, failTimeout: failTimeout)
        }
    }

    static func balancer(_ servers: [UpstreamServer], method: BalancingMethod = .roundRobin) -> UpstreamBalancer {
        do { return try UpstreamBalancer(servers: servers, method: method) } catch { fatalError("\(error)") }
    }

    static func at(seconds: Double) -> Instant { Instant(nanoseconds: Int64(seconds * 1e9)) }

    /// Selects for a fresh request and releases at once as a success; the picked server.
    static func pickAndRelease(_ balancer: inout UpstreamBalancer, now: Instant = .zero, key: BalancingKey = .none) -> Int? {
        var request = balancer.beginRequest(key: key)
        guard let server = balancer.select(now: now, request: &request) else { return nil }
        balancer.release(server: server, outcome: .notFailed, now: now)
        return server
    }

    /// Gives `server` a failure at `now` (selects it through a request that can only get it).
    static func fail(_ server: Int, _ balancer: inout UpstreamBalancer, now: Instant) {
        var request = balancer.beginRequest()
        for other in 0..<balancer.servers.count where other != server { request.tried.insert(other) }
        let picked = balancer.select(now: now, request: &request)
        precondition(picked == server, "server \(server) was not selectable at \(now)")
        balancer.release(server: server, outcome: .failed, now: now)
    }

    static func letters(_ picks: [Int?]) -> String {
        String(picks.map { $0.map { Character(Unicode.Scalar(UInt8(97 + $0))) } ?? "-" })
    }
}

/// What the backend does with one attempt in a scripted request.
enum ScriptedOutcome {
    case fails(UpstreamFailure, UpstreamConnectionUse)
    case responds(Int)
}

struct ScriptedResult: Equatable {
    var status: Int
    var servers: [Int]
    var passedThrough: Bool
}

/// Drives one request through a balancer and the retry machine the way the
/// simulator will: select, attempt, report, release as decided.
func proxyRequest(
    _ balancer: inout UpstreamBalancer, policy: NextUpstreamPolicy = .nginxDefault, method: HTTPMethod = .get,
    start: Instant = .zero, requestBodyStreamed: Bool = false, clock: (Int) -> Instant = { _ in .zero },
    outcome: (_ server: Int, _ attempt: Int) -> ScriptedOutcome
) -> ScriptedResult {
    var machine = NextUpstreamState(
        policy: policy, method: method, startedAt: start, balancer: balancer, requestBodyStreamed: requestBodyStreamed)
    var request = balancer.beginRequest()
    var servers: [Int] = []
    for attempt in 0..<1000 {
        let now = clock(attempt)
        guard let server = balancer.select(now: now, request: &request) else {
            let decision = machine.handle(.noLiveUpstreams, now: now)
            guard case .respond(let status, nil) = decision else { fatalError("unexpected \(decision)") }
            return ScriptedResult(status: status, servers: servers, passedThrough: false)
        }
        servers.append(server)
        let decision: NextUpstreamDecision
        switch outcome(server, attempt) {
        case .fails(let failure, let connection):
            decision = machine.handle(.attemptFailed(failure, on: connection), now: now)
        case .responds(let status):
            decision = machine.handle(.responseHeader(status: status), now: now)
            if decision == .passResponseThrough {
                balancer.release(server: server, outcome: .notFailed, now: now)
                return ScriptedResult(status: status, servers: servers, passedThrough: true)
            }
        }
        switch decision {
        case .retry(let release):
            balancer.release(server: server, outcome: release, now: now)
        case .respond(let status, let release):
            if let release { balancer.release(server: server, outcome: release, now: now) }
            return ScriptedResult(status: status, servers: servers, passedThrough: false)
        case .passResponseThrough:
            fatalError("a failure cannot pass through")
        }
    }
    fatalError("request never ended")
}

/// Helpers on Randomness's SplitMix64 for property tests.
extension SplitMix64 {
    init(state: UInt64) { self.init(seed: state) }
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func below(_ n: Int) -> Int { next(below: n) }
}
