import ProxyModel
import Randomness
import Scenario
import Testing

/// `--print-model` (the canonical text) loads back to the same model for
/// models with extreme valid values: every duration up to the 365-day bound
/// (the ones near the top used to print as "0s" inside distributions), seeds
/// over all 64 bits, sizes and weights up to their bounds. Seeded; a failure
/// prints its seed and the text.
@Suite struct CanonicalRoundTripPropertyTests {
    @Test(arguments: ["default", "everything"])
    func modelsWithExtremeValidValuesPrintAndLoadBackToTheSameModel(base: String) throws {
        let text = base == "default" ? ScenarioMutationTests.defaultModel : ScenarioFixtures.everything
        let tree = try JSON5Parser.parse(text)
        var outcomes = (loaded: 0, refused: 0)
        var failures = 0
        for seed in UInt64(1)...400 where failures < 5 {
            var random = SplitMix64(seed: seed)
            var edited = tree
            Self.makeExtreme(&edited, &random, seed: seed)
            let bytes = Array(JSON5Writer().string(for: edited).utf8)
            let loaded: LoadedScenario
            do {
                loaded = try ScenarioLoader.load(file: "models/extreme.json5", bytes: bytes)
            } catch {
                // Values valid alone can clash (a warmup beyond the duration): refused, with a diagnostic.
                outcomes.refused += 1
                if error.items.isEmpty { Issue.record("seed \(seed): refused without a diagnostic"); failures += 1 }
                continue
            }
            outcomes.loaded += 1
            do {
                let again = try ScenarioLoader.load(file: "models/extreme.json5", bytes: Array(loaded.canonical.utf8))
                if again.model != loaded.model {
                    Issue.record("seed \(seed): the printed model loads back to another model\n\(loaded.canonical)")
                    failures += 1
                }
            } catch {
                Issue.record("seed \(seed): the printed model does not load: \(error)\n\(loaded.canonical)")
                failures += 1
            }
        }
        #expect(outcomes.loaded > 150, "\(outcomes)")
    }

    /// Durations at and near the bound, and random ones down to the nanosecond.
    static func extremeDuration(_ random: inout SplitMix64) -> String {
        let maximum = TimeSpan.modelMaximum.nanoseconds
        switch random.below(6) {
        case 0: return "365d"
        case 1: return TimeSpan(nanoseconds: maximum - Int64(random.below(1_000_000))).formatted()
        case 2: return TimeSpan(nanoseconds: Int64(random.next() % UInt64(maximum))).formatted()
        case 3: return TimeSpan(nanoseconds: 106_480 * 86_400_000_000_000 / 1_000).formatted()
        case 4: return TimeSpan(nanoseconds: Int64(random.below(1_000_000_000))).formatted()
        default: return "\(1 + random.below(365))d"
        }
    }

    /// Replaces some duration strings with extreme ones, and sets a 64-bit seed.
    static func makeExtreme(_ value: inout JSON5Value, _ random: inout SplitMix64, seed: UInt64) {
        func visit(_ value: inout JSON5Value, key: String) {
            switch value.kind {
            case .object(var members):
                for index in members.indices { visit(&members[index].value, key: members[index].key) }
                if key == "run", !members.contains(where: { $0.key == "seed" }) || random.chance(1, in: 2) {
                    members.removeAll { $0.key == "seed" }
                    members.append(JSON5Member(key: "seed", value: JSON5Value(.number(JSON5Number(random.next())))))
                }
                value.kind = .object(members)
            case .array(var elements):
                for index in elements.indices { visit(&elements[index], key: key) }
                value.kind = .array(elements)
            case .string(let text) where (try? TimeSpan(parsing: text)) != nil && random.chance(1, in: 3):
                value.kind = .string(extremeDuration(&random))
            case .number(let number) where key == "response_bytes" || key == "request_bytes" || key == "median" || key == "p99":
                // Sizes up to the 1 TB bound (a p99 above its median is kept by scaling both).
                _ = number
                if random.chance(1, in: 4) { value.kind = .number(JSON5Number(Double(random.below(1_000_000)) * 1e6)) }
            default: break
            }
        }
        visit(&value, key: "")
    }
}
