import Testing
import Foundation
import ProxyModel
import Randomness
import Scenario
import Simulation

/// The simulator against queueing theory. Network delays are zero and the
/// upstream pool is large, so the backend is a plain multi-server queue.
@Suite struct QueueingOracleTests {
    /// Erlang C: the probability that an arrival waits in an M/M/c queue with offered load a = λ/μ.
    static func erlangC(servers c: Int, offeredLoad a: Double) -> Double {
        var term = 1.0, sum = 1.0
        for k in 1..<c { term *= a / Double(k); sum += term }
        let last = term * a / Double(c) * Double(c) / (Double(c) - a)
        return last / (sum + last)
    }

    static func zeroDelayOptions() -> TestScenarios.Options {
        var o = TestScenarios.Options()
        o.proxyToBackend = LinkSpec(oneWay: .zero)
        o.clientToProxy = LinkSpec(oneWay: .zero)
        o.keepalive = 512
        o.clients = 2_000
        o.backendPolicy = BackendKeepalivePolicy(idleTimeout: nil)
        return o
    }

    @Test func mmcMeanAndP99WaitingTimesMatchErlangC() throws {
        var o = Self.zeroDelayOptions()
        let c = 4, serviceMs = 10.0, rho = 0.8
        let lambda = rho * Double(c) / (serviceMs / 1000)  // 320 req/s
        o.backendWorkers = c
        o.cpuMs = try .exponential(withMean: serviceMs)
        o.rate = lambda
        o.duration = .seconds(3_000)
        o.warmup = .seconds(60)
        let result = try Simulator.audited(TestScenarios.model(o))
        let backend = try #require(result.report.backends.first)
        let mu = 1000 / serviceMs
        let probabilityOfWaiting = Self.erlangC(servers: c, offeredLoad: lambda / mu)
        let meanWaitMs = probabilityOfWaiting / (Double(c) * mu - lambda) * 1000
        #expect(abs(backend.meanQueueWaitMs - meanWaitMs) / meanWaitMs < 0.03,
                "mean wait \(backend.meanQueueWaitMs) ms, Erlang C says \(meanWaitMs) ms")
        // P(W > t) = C exp(-(cμ - λ) t)  =>  p99 = ln(C / 0.01) / (cμ - λ).
        let p99Ms = log(probabilityOfWaiting / 0.01) / (Double(c) * mu - lambda) * 1000
        let measuredP99 = try #require(backend.queueWaitP99Ms)
        #expect(abs(measuredP99 - p99Ms) / p99Ms < 0.05, "p99 wait \(measuredP99) ms, closed form \(p99Ms) ms")
        #expect(result.audit.violations.isEmpty, "\(result.audit.violations)")
    }

    /// Little's law L = λW at each backend: time-averaged requests in the
    /// backend equal its throughput times the mean time a request spends there.
    @Test func littlesLawHoldsAtEveryBackend() throws {
        var o = Self.zeroDelayOptions()
        o.servers = 3
        o.backendWorkers = 2
        o.cpuMs = try .lognormal(median: 4, p99: 30)
        o.waitMs = try .exponential(withMean: 5)
        o.rate = 600
        o.duration = .seconds(600)
        let model = try TestScenarios.model(o)
        let result = try Simulator.audited(model)
        let measured = result.report.measuredSeconds
        for backend in result.report.backends {
            let throughput = Double(backend.requests) / measured
            let meanTimeInBackend = (backend.meanQueueWaitMs + model.backends[0].cpuTimeMs.mean + model.backends[0].waitTimeMs.mean) / 1000
            let expected = throughput * meanTimeInBackend
            #expect(abs(backend.meanInFlight - expected) / expected < 0.03,
                    "\(backend.address): L = \(backend.meanInFlight), λW = \(expected)")
        }
    }

    /// Little's law at nginx: with no client-side delay, the time a request
    /// spends at nginx is its latency from the actual send.
    @Test func littlesLawHoldsAtTheProxy() throws {
        var o = Self.zeroDelayOptions()
        o.proxyToBackend = LinkSpec(oneWay: .microseconds(300))
        o.backendWorkers = 2
        o.cpuMs = try .exponential(withMean: 3)
        o.rate = 500
        o.duration = .seconds(600)
        let r = try Simulator.audited(TestScenarios.model(o)).report
        let expected = r.requests.completedPerSecond * (try #require(r.latencyFromSend.mean)) / 1000
        #expect(abs(r.requests.meanInFlightAtProxy - expected) / expected < 0.02,
                "L = \(r.requests.meanInFlightAtProxy), λW = \(expected)")
    }

    /// M/G/∞: with an unbounded pool and enough backend workers, busy
    /// upstream connections per worker average λ_w S (here S is the service
    /// time: delays are zero and connections are reused).
    @Test func busyUpstreamConnectionsPerWorkerAverageLambdaTimesService() throws {
        var o = Self.zeroDelayOptions()
        o.workers = 4
        o.backendWorkers = 10_000
        o.cpuMs = try .uniform(from: 2, to: 18)
        o.rate = 2_000
        o.duration = .seconds(300)
        let result = try Simulator.audited(TestScenarios.model(o))
        let report = result.report
        for worker in report.workers {
            let lambda = Double(worker.requests) / report.measuredSeconds
            let expected = lambda * 0.010
            let busy = worker.meanBusyUpstream
            #expect(abs(busy - expected) / expected < 0.03, "worker \(worker.index): busy \(busy), λS = \(expected)")
        }
    }

    @Test func everyRequestEndsExactlyOnceAndConnectionsBalance() throws {
        for seed in UInt64(1)...6 {
            var o = TestScenarios.Options()
            o.seed = seed
            o.workers = 2
            o.servers = 2
            o.keepalive = Int(seed % 3) * 4  // 0 (off), 4, 8: small pools churn
            o.rate = 400
            o.duration = .seconds(20)
            o.cpuMs = try .exponential(withMean: 5)
            o.backendPolicy = try BackendProfile.named(seed % 2 == 0 ? "node-20" : "apache").policy
            o.methods = [(.get, 3), (.post, 1)]
            o.connectionsPerClient = 2
            let result = try Simulator.audited(TestScenarios.model(o))
            let a = result.audit
            #expect(a.violations.isEmpty, "seed \(seed): \(a.violations)")
            #expect(a.requestsInFlight == 0, "seed \(seed): \(a.requestsInFlight) requests never ended")
            #expect(a.largestCacheIdleCount <= max(0, o.keepalive ?? 0), "seed \(seed)")
            #expect(result.report.requests.completed == result.report.requests.sent, "seed \(seed)")
        }
    }

    @Test func theSameSeedGivesTheSameReportAndFingerprint() throws {
        var o = TestScenarios.Options()
        o.rate = 300
        o.duration = .seconds(20)
        let model = try TestScenarios.model(o)
        let a = try Simulator.audited(model), b = try Simulator.audited(model)
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.report == b.report)
        o.seed = 2
        let c = try Simulator.audited(TestScenarios.model(o))
        #expect(c.fingerprint != a.fingerprint)
    }
}
