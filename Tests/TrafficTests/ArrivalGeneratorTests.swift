import Testing
import ProxyModel
import Randomness
import Traffic
#if canImport(Glibc)
import Glibc
#endif

/// Arrival processes against exact values, with tolerances derived from the
/// sample size — no magic slack:
/// - a count N with expectation E (Poisson): |N - E| <= 5 sqrt(E) (a false alarm ~6e-7);
/// - a mean of n gaps with standard deviation sigma: within 5 sigma / sqrt(n);
/// - the empirical CDF of n gaps (Dvoretzky–Kiefer–Wolfowitz): P(sup |F_n - F| > eps) <= 2 exp(-2 n eps²),
///   eps = sqrt(ln(2 / 1e-6) / (2n));
/// - even spacing is deterministic: the k-th arrival is where the integral of the rate reaches k,
///   so a count differs from that integral by less than 1 (plus the 1 ns rounding of each instant).
/// Instants are whole nanoseconds, so each gap carries up to 1 ns of rounding: where it matters, the
/// bound grows by what 1 ns can change (rate x 1 ns).
@Suite struct ArrivalGeneratorTests {
    static func at(_ seconds: Double) -> Instant { Instant(nanoseconds: Int64((seconds * 1e9).rounded())) }

    /// All arrivals up to and including `end` (at most `limit`; the caller checks it was not reached).
    static func arrivals(_ pattern: RatePattern, _ spacing: ArrivalGenerator.Spacing, seed: UInt64 = 1,
                         start: Instant = .zero, until end: Instant, limit: Int = 10_000_000) -> [Instant] {
        var generator = ArrivalGenerator(pattern: pattern, spacing: spacing, start: start, random: RandomStream(seed: seed))
        var result: [Instant] = []
        while result.count < limit, let t = generator.next(), t <= end { result.append(t) }
        return result
    }

    /// ∫ rate over [from, to) by the midpoint rule with `step` nanoseconds: exact for patterns whose
    /// pieces start on the step grid, within (to - from) step² max|rate''| / 24 for a sine.
    static func integral(_ pattern: RatePattern, from: Instant, to: Instant, step: Int64) -> Double {
        var sum = 0.0
        var t = from.nanoseconds
        while t < to.nanoseconds {
            let width = min(step, to.nanoseconds - t)
            sum += pattern.rate(at: Instant(nanoseconds: t + width / 2)) * Double(width) / 1e9
            t += width
        }
        return sum
    }

    /// How many of the sorted `times` lie in [from, to).
    static func count(_ times: [Instant], from: Instant, to: Instant) -> Int {
        lowerBound(times, to) - lowerBound(times, from)
    }

    static func lowerBound(_ times: [Instant], _ t: Instant) -> Int {
        var low = 0, high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] < t { low = middle + 1 } else { high = middle }
        }
        return low
    }

    static let timeVaryingPatterns: [(name: String, pattern: RatePattern)] = [
        ("steps", .steps([.init(duration: .seconds(2), perSecond: 300), .init(duration: .seconds(3), perSecond: 0),
                          .init(duration: .seconds(1), perSecond: 1_500)])),
        ("bursty", .bursty(baseRate: 50, burstRate: 2_000, burstLength: .milliseconds(250), period: .seconds(2))),
        ("sub-millisecond bursts", .bursty(baseRate: 0, burstRate: 100_000, burstLength: .microseconds(300), period: .milliseconds(1))),
        ("diurnal", .diurnal(meanRate: 400, amplitude: 0.9, period: .seconds(20), phaseRadians: 1)),
        ("diurnal to zero", .diurnal(meanRate: 300, amplitude: 1, period: .seconds(15), phaseRadians: -Double.pi / 2)),
    ]

    // MARK: Poisson at a constant rate

    @Test func poissonCountOverAnIntervalIsWithinFiveStandardDeviationsOfRateTimesLength() {
        let rate = 1_000.0, length = 50.0
        let expected = rate * length
        for seed in UInt64(1)...20 {
            let n = Self.arrivals(.constant(perSecond: rate), .poisson, seed: seed, until: Self.at(length)).count
            #expect(abs(Double(n) - expected) <= 5 * expected.squareRoot(), "seed \(seed): \(n) arrivals, expected \(expected)")
        }
    }

    @Test func poissonGapsAreExponentialWithMeanOneOverTheRate() {
        let rate = 250.0, n = 200_000
        for seed: UInt64 in [11, 12, 13] {
            var generator = ArrivalGenerator(pattern: .constant(perSecond: rate), spacing: .poisson, random: RandomStream(seed: seed))
            var previous = Instant.zero
            var gaps: [Double] = []
            for _ in 0..<n {
                guard let t = generator.next() else { break }
                gaps.append((t - previous).seconds)
                previous = t
            }
            #expect(gaps.count == n, "seed \(seed)")
            let nd = Double(n), oneNanosecond = 1e-9
            let mean = gaps.reduce(0, +) / nd
            #expect(abs(mean - 1 / rate) <= 5 * (1 / rate) / nd.squareRoot() + oneNanosecond, "seed \(seed): mean gap \(mean)")
            gaps.sort()
            var largest = 0.0
            for (i, gap) in gaps.enumerated() {
                let f = 1 - exp(-rate * gap)
                largest = max(largest, Double(i + 1) / nd - f, f - Double(i) / nd)
            }
            let eps = (log(2 / 1e-6) / (2 * nd)).squareRoot() + rate * oneNanosecond
            #expect(largest <= eps, "seed \(seed): sup |F_n - F| = \(largest) > \(eps)")
        }
    }

    @Test func arrivalsAreStrictlyIncreasingAndAfterTheStartEvenFasterThanOnePerNanosecond() {
        let patterns: [RatePattern] = [.constant(perSecond: 1_000), .constant(perSecond: 3e9)] + Self.timeVaryingPatterns.map(\.pattern)
        for pattern in patterns {
            for spacing in ArrivalGenerator.Spacing.allCases {
                for seed: UInt64 in [1, 2] {
                    let start = Self.at(0.25)
                    var generator = ArrivalGenerator(pattern: pattern, spacing: spacing, start: start, random: RandomStream(seed: seed))
                    var previous = start
                    for i in 0..<100_000 {
                        guard let t = generator.next() else {
                            Issue.record("\(pattern) \(spacing) seed \(seed): ran out after \(i) arrivals")
                            break
                        }
                        if t <= previous {
                            Issue.record("\(pattern) \(spacing) seed \(seed): arrival \(i) at \(t) not after \(previous)")
                            break
                        }
                        previous = t
                    }
                }
            }
        }
    }

    @Test func theSameSeedGivesTheSameSequenceAndAnotherSeedAnother() {
        for pattern in [RatePattern.constant(perSecond: 500)] + Self.timeVaryingPatterns.map(\.pattern) {
            let first = Self.arrivals(pattern, .poisson, seed: 42, until: .distantFuture, limit: 10_000)
            let again = Self.arrivals(pattern, .poisson, seed: 42, until: .distantFuture, limit: 10_000)
            let other = Self.arrivals(pattern, .poisson, seed: 43, until: .distantFuture, limit: 10_000)
            #expect(first.count == 10_000)
            #expect(first == again, "\(pattern)")
            #expect(first != other, "\(pattern)")
        }
    }

    // MARK: Even spacing at a constant rate

    @Test func evenSpacingPutsTheKthArrivalAtStartPlusKOverTheRateWithoutDrift() {
        let start = Instant(nanoseconds: 12_345)
        for rate: Int64 in [3, 7, 1_000, 999_983] {
            var generator = ArrivalGenerator(pattern: .constant(perSecond: Double(rate)), spacing: .evenlySpaced, start: start,
                                             random: RandomStream(seed: 1))
            for k in Int64(1)...1_000_000 {
                guard let t = generator.next() else { Issue.record("rate \(rate): nil at k=\(k)"); break }
                // Exactly k / rate seconds after the start, rounded to the nanosecond: in integers,
                // |(t - start) * rate - k * 1e9| <= rate / 2, plus the Double's ulp of k * 1e9 / rate.
                let exact = Double(k) * 1e9 / Double(rate)
                let error = abs(Double((t - start).nanoseconds * rate - k * 1_000_000_000))
                if error > Double(rate) * (0.5 + exact.ulp) {
                    Issue.record("rate \(rate): arrival \(k) at \(t), exactly \(exact) ns after the start")
                    break
                }
            }
        }
        // At 1000/s the gaps are whole milliseconds: the millionth arrival exactly 1000 s after the start.
        var generator = ArrivalGenerator(pattern: .constant(perSecond: 1_000), spacing: .evenlySpaced, start: start, random: RandomStream(seed: 1))
        var last = start
        for _ in 0..<1_000_000 { last = generator.next() ?? last }
        #expect(last == start + .seconds(1_000))
    }

    // MARK: Time-varying rates

    @Test func poissonArrivalsPerWindowMatchTheIntegralOfTheRate() {
        let window: Int64 = 500_000_000, windows = 120
        for (name, pattern) in Self.timeVaryingPatterns {
            for seed: UInt64 in [1, 2, 3] {
                let times = Self.arrivals(pattern, .poisson, seed: seed, until: Instant(nanoseconds: window * Int64(windows)))
                var total = 0.0
                for w in 0..<windows {
                    let from = Instant(nanoseconds: window * Int64(w)), to = Instant(nanoseconds: window * Int64(w + 1))
                    let expected = Self.integral(pattern, from: from, to: to, step: 100_000)
                    let n = Double(Self.count(times, from: from, to: to))
                    total += expected
                    if abs(n - expected) > 5 * expected.squareRoot() {
                        Issue.record("\(name) seed \(seed): \(n) arrivals in [\(from), \(to)), expected \(expected)")
                    }
                }
                #expect(abs(Double(times.count) - total) <= 5 * total.squareRoot(), "\(name) seed \(seed): \(times.count) vs \(total)")
            }
        }
    }

    @Test func evenlySpacedArrivalsAreWhereTheIntegralOfTheRateReachesEachWholeNumber() {
        let end: Int64 = 60_000_000_000
        for (name, pattern) in Self.timeVaryingPatterns {
            let times = Self.arrivals(pattern, .evenlySpaced, until: Instant(nanoseconds: end))
            var expected = 0.0
            var t: Int64 = 0
            let step: Int64 = 50_000_000
            while t < end {
                expected += Self.integral(pattern, from: Instant(nanoseconds: t), to: Instant(nanoseconds: t + step), step: 100_000)
                t += step
                let n = Double(Self.lowerBound(times, Instant(nanoseconds: t + 1)))  // arrivals in (0, t]
                // Each instant is rounded to the nanosecond: up to (max rate x 1 ns) of the integral either way.
                let tolerance = 1 + pattern.maximumRate * 1e-9
                if abs(n - expected) > tolerance {
                    Issue.record("\(name): \(n) arrivals by \(Instant(nanoseconds: t)), the rate integrates to \(expected)")
                    break
                }
            }
        }
    }

    @Test func aDiurnalTroughReachingZeroDoesNotStallArrivals() {
        // A compressed day at 100,000/s on average, starting at its trough of 0/s: the rate grows like t²,
        // so only about (m ω² / 6) t³ = 19 arrivals come in the first minute, out of ~12 million candidates
        // a thinning generator would draw at the peak rate.
        let pattern = RatePattern.diurnal(meanRate: 100_000, amplitude: 1, period: .hours(24), phaseRadians: -Double.pi / 2)
        let end = Self.at(60)
        let expected = Self.integral(pattern, from: .zero, to: end, step: 1_000_000)
        for seed in UInt64(1)...10 {
            let n = Double(Self.arrivals(pattern, .poisson, seed: seed, until: end).count)
            #expect(abs(n - expected) <= 5 * expected.squareRoot(), "seed \(seed): \(n) arrivals, expected \(expected)")
        }
        let even = Double(Self.arrivals(pattern, .evenlySpaced, until: end).count)
        #expect(abs(even - expected) <= 1, "even: \(even) arrivals, expected \(expected)")
    }

    @Test func patternsAreAnchoredAtTimeZeroWhateverTheStart() {
        let pattern = RatePattern.steps([.init(duration: .seconds(1), perSecond: 0), .init(duration: .seconds(1), perSecond: 1_000)])
        for (start, first) in [(0.5, 1.001), (1.5, 1.501), (2.25, 3.001), (-0.75, -0.749)] {
            var generator = ArrivalGenerator(pattern: pattern, spacing: .evenlySpaced, start: Self.at(start), random: RandomStream(seed: 1))
            #expect(generator.next() == Self.at(first), "start \(start)")
        }
    }

    // MARK: No rate, little rate

    @Test func aPatternWithZeroRateEverywhereReturnsNilAtOnce() {
        let patterns: [RatePattern] = [
            .constant(perSecond: 0), .constant(perSecond: -3), .constant(perSecond: .nan), .steps([]),
            .steps([.init(duration: .seconds(1), perSecond: 0), .init(duration: .seconds(5), perSecond: 0)]),
            .steps([.init(duration: .zero, perSecond: 100)]),
            .bursty(baseRate: 0, burstRate: 0, burstLength: .seconds(1), period: .seconds(10)),
            .diurnal(meanRate: 0, amplitude: 1, period: .seconds(60), phaseRadians: 0),
        ]
        for pattern in patterns {
            for spacing in ArrivalGenerator.Spacing.allCases {
                var generator = ArrivalGenerator(pattern: pattern, spacing: spacing, random: RandomStream(seed: 1))
                #expect(generator.next() == nil, "\(pattern) \(spacing)")
                #expect(generator.next() == nil, "\(pattern) \(spacing)")
            }
        }
    }

    @Test func aLongZeroRateStepDelaysArrivalsWithoutEndingThem() {
        // 1 s at 1000/s, then 10 h of silence, repeating.
        let pattern = RatePattern.steps([.init(duration: .seconds(1), perSecond: 1_000), .init(duration: .hours(10), perSecond: 0)])
        let cycle = TimeSpan.seconds(1) + .hours(10)
        for spacing in ArrivalGenerator.Spacing.allCases {
            for seed in UInt64(1)...5 {
                let times = Self.arrivals(pattern, spacing, seed: seed, until: Instant.zero + cycle * 3)
                for c in Int64(0)..<3 {
                    // The 1000th evenly spaced arrival of a busy second is at its very end,
                    // where the integral of the rate reaches 1000: [start, end] is busy.
                    let from = Instant.zero + cycle * c, busyEnd = from + .seconds(1) + .nanoseconds(1)
                    let busy = Self.count(times, from: from, to: busyEnd)
                    let silent = Self.count(times, from: busyEnd, to: from + cycle)
                    #expect(silent == 0, "\(spacing) seed \(seed): \(silent) arrivals in a silent step")
                    let allowed = spacing == .poisson ? 5 * 1_000.0.squareRoot() : 1
                    #expect(abs(Double(busy) - 1_000) <= allowed, "\(spacing) seed \(seed) cycle \(c): \(busy) arrivals")
                }
            }
        }
    }

    @Test func aTinyRateRunsOutWithNilBeforeTheEndOfTimeInsteadOfOverflowing() {
        let patterns: [RatePattern] = [
            .constant(perSecond: 1e-9), .constant(perSecond: 1e-8),
            .steps([.init(duration: .seconds(1), perSecond: 1e-9), .init(duration: .seconds(1), perSecond: 0)]),
            .bursty(baseRate: 0, burstRate: 1e-9, burstLength: .milliseconds(1), period: .seconds(1)),
            .diurnal(meanRate: 1e-9, amplitude: 0.5, period: .seconds(10), phaseRadians: 0),
        ]
        for pattern in patterns {
            for spacing in ArrivalGenerator.Spacing.allCases {
                var generator = ArrivalGenerator(pattern: pattern, spacing: spacing, random: RandomStream(seed: 5))
                var previous = Instant.zero, produced = 0
                // Expected events before the end of time: 9.2e9 s x 1e-8/s = 92 at most.
                while let t = generator.next() {
                    #expect(t > previous && t < .distantFuture, "\(pattern) \(spacing)")
                    previous = t
                    produced += 1
                    if produced > 1_000 { break }
                }
                #expect(produced <= 1_000, "\(pattern) \(spacing): never ran out")
                #expect(generator.next() == nil, "\(pattern) \(spacing): nil is final")
            }
        }
    }

    @Test func extremeDurationsPeriodsAndStartsNeverTrap() {
        let huge = TimeSpan(nanoseconds: .max / 2 + 1)
        let patterns: [RatePattern] = [
            .constant(perSecond: 1_000),
            .steps([.init(duration: huge, perSecond: 5), .init(duration: huge, perSecond: 10), .init(duration: huge, perSecond: 20)]),
            .steps([.init(duration: .nanoseconds(1), perSecond: 1e12), .init(duration: .nanoseconds(1), perSecond: 0)]),
            .bursty(baseRate: 1, burstRate: 1_000, burstLength: huge, period: TimeSpan(nanoseconds: .max)),
            .diurnal(meanRate: 10, amplitude: 1, period: TimeSpan(nanoseconds: .max), phaseRadians: 3),
            .diurnal(meanRate: 1e9, amplitude: 0.5, period: .nanoseconds(3), phaseRadians: 0),
        ]
        let starts = [Instant(nanoseconds: .min), Instant(nanoseconds: .min / 2), .zero, Instant(nanoseconds: .max / 2),
                      Instant(nanoseconds: .max - 1_000), Instant(nanoseconds: .max - 1), .distantFuture]
        for pattern in patterns {
            for start in starts {
                for spacing in ArrivalGenerator.Spacing.allCases {
                    var generator = ArrivalGenerator(pattern: pattern, spacing: spacing, start: start, random: RandomStream(seed: 8))
                    var previous = start
                    for _ in 0..<100 {
                        guard let t = generator.next() else { break }
                        if !(t > previous && t < .distantFuture) {
                            Issue.record("\(pattern) from \(start.nanoseconds) \(spacing): \(t.nanoseconds) after \(previous.nanoseconds)")
                            break
                        }
                        previous = t
                    }
                }
            }
        }
    }
}
