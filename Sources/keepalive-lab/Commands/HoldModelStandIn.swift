// TEMPORARY stand-in for Simulation.HoldModel until it lands in main. Remove before the final commit.
import ProxyModel

enum HoldModel {
    struct Outcome: Sendable {
        var eventsProcessed: Int
        var finalTime: Instant
        var fingerprint: UInt64
    }

    static func run(pending: Int, events: Int, until: Instant?, seed: UInt64) -> Outcome {
        var now = Instant.zero
        var fingerprint = seed &* 0x9E37_79B9_7F4A_7C15
        var processed = 0
        let step = TimeSpan(nanoseconds: 1_000_000_000 / Int64(pending) + 1)
        while processed < events {
            let next = now + step
            if let until, next > until { break }
            now = next
            processed += 1
            fingerprint = (fingerprint ^ UInt64(now.nanoseconds)) &* 0xBF58_476D_1CE4_E5B9
        }
        return Outcome(eventsProcessed: processed, finalTime: now, fingerprint: fingerprint)
    }
}
