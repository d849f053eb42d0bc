import Scenario
import Testing

/// No scenario text crashes the loader: damaged bytes and edited values either
/// load (and then print a canonical text that reads back to the same model) or
/// give diagnostics that point inside the text. Seeds are printed on failure.
@Suite struct ScenarioMutationTests {
    static let defaultModel = RepositoryFiles.text(RepositoryFiles.modelsDirectory + "/default.json5")

    @Test(arguments: ["default", "everything"])
    func randomlyDamagedScenarioBytesLoadOrGiveDiagnosticsInsideTheText(base: String) {
        let original = Array((base == "default" ? Self.defaultModel : ScenarioFixtures.everything).utf8)
        var outcomes = (loaded: 0, diagnosed: 0)
        var badSeeds = 0
        for seed in UInt64(1)...1_500 where badSeeds < 10 {
            var random = SplitMix64(seed: seed)
            var bytes = original
            for _ in 0...random.below(2) { damage(&bytes, &random) }
            if check(bytes, seed: seed, &outcomes) == false { badSeeds += 1 }
        }
        #expect(outcomes.loaded > 20 && outcomes.diagnosed > 500, "\(outcomes)")
    }

    @Test(arguments: ["default", "everything"])
    func randomlyEditedScenarioValuesLoadOrGiveDiagnosticsInsideTheText(base: String) throws {
        let tree = try JSON5Parser.parse(base == "default" ? Self.defaultModel : ScenarioFixtures.everything)
        var outcomes = (loaded: 0, diagnosed: 0)
        var badSeeds = 0
        for seed in UInt64(1)...1_500 where badSeeds < 10 {
            var random = SplitMix64(seed: seed)
            var edited = tree
            for _ in 0...random.below(3) { edit(&edited, &random) }
            if check(Array(JSON5Writer().string(for: edited).utf8), seed: seed, &outcomes) == false { badSeeds += 1 }
        }
        // Edits keep the syntax, so both outcomes must be common, or the sweep proves little.
        #expect(outcomes.loaded > 60 && outcomes.diagnosed > 500, "\(outcomes)")
    }

    /// Loads `bytes`; false (with the seed recorded) when the outcome breaks a promise.
    private func check(_ bytes: [UInt8], seed: UInt64, _ outcomes: inout (loaded: Int, diagnosed: Int)) -> Bool {
        do {
            let loaded = try ScenarioLoader.load(file: "models/mutated.json5", bytes: bytes)
            outcomes.loaded += 1
            do {
                let again = try ScenarioLoader.load(file: "models/mutated.json5", bytes: Array(loaded.canonical.utf8))
                if again.model != loaded.model {
                    Issue.record("seed \(seed): the canonical text reads back to another model\n\(loaded.canonical)")
                    return false
                }
            } catch {
                Issue.record("seed \(seed): the canonical text does not load: \(error)\n\(loaded.canonical)")
                return false
            }
        } catch {
            outcomes.diagnosed += 1
            if error.items.isEmpty {
                Issue.record("seed \(seed): thrown without a diagnostic")
                return false
            }
            for diagnostic in error.items where diagnostic.location.map({ !isInside($0, bytes) }) ?? false {
                Issue.record("seed \(seed): position outside the text: \(diagnostic)")
                return false
            }
        }
        return true
    }

    /// Byte damage: flips, replacements, deletions, insertions, truncation.
    private func damage(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        let interesting = Array("{}[],:'\"\\/-.0123456789eEsm \n".utf8) + [0x00, 0x80, 0xC3, 0xFF]
        let position = random.below(bytes.count + 1)
        switch random.below(5) {
        case 0 where position < bytes.count: bytes[position] ^= UInt8(1) << UInt8(random.below(8))
        case 1 where position < bytes.count: bytes[position] = random.pick(interesting)
        case 2: bytes.removeSubrange(position..<min(bytes.count, position + 1 + random.below(6)))
        case 3: bytes.insert(random.pick(interesting), at: position)
        default: bytes.removeSubrange(position...)
        }
    }

    /// Values a model could hold, right or wrong for any given field.
    static let replacements: [JSON5Value] = [
        -1, 0, 1, 2, 3.5, 0.25, 1e300, -1e300, 9_223_372_036_854_775_807, 1e19, .init(.number(JSON5Number(Double.nan))),
        "", "0s", "1ms", "250us", "1h", "-1s", "99999999999999d", "abc", "none", "1.1", "1.0", "1.3", "http://10.0.0.9:1",
        "api", "app", "default", "node-20", "go-idle", "least_conn", "upgrade_map_close", "even", "/", true, false, nil,
        [], ["error", "timeout"], ["off", "error"], ["1ms", "2ms"], [:], ["constant": "1ms"],
        ["exponential": ["mean": "1ms"]], ["lognormal": ["median": 2000, "p99": 1000]], ["steps": [["duration": "1s", "rate": 5]]],
    ]

    /// A structural edit somewhere in the tree: replace a value, drop a member, misspell a key, or add one.
    private func edit(_ value: inout JSON5Value, _ random: inout SplitMix64) {
        switch value.kind {
        case .object(var members) where !members.isEmpty:
            let index = random.below(members.count)
            switch random.below(8) {
            case 0: members.remove(at: index)
            case 1:
                let key = members[index].key
                if !key.isEmpty, !members.contains(where: { $0.key == key + "s" }) { members[index].key = key + "s" }
            case 2: members[index].value = random.pick(Self.replacements)
            case 3 where !members.contains(where: { $0.key == "extra" }):
                members.append(JSON5Member(key: "extra", value: random.pick(Self.replacements)))
            default: edit(&members[index].value, &random)
            }
            value.kind = .object(members)
        case .array(var elements) where !elements.isEmpty:
            let index = random.below(elements.count)
            switch random.below(5) {
            case 0: elements.remove(at: index)
            case 1: elements.append(elements[index])
            case 2: elements[index] = random.pick(Self.replacements)
            default: edit(&elements[index], &random)
            }
            value.kind = .array(elements)
        default:
            value = random.pick(Self.replacements)
        }
    }

    /// True when the location names a line of the text and a column at most one past its end.
    private func isInside(_ location: ModelLocation, _ bytes: [UInt8]) -> Bool {
        var lineLengths = [0]
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\r"):
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                lineLengths.append(0)
            case UInt8(ascii: "\n"): lineLengths.append(0)
            default: lineLengths[lineLengths.count - 1] += 1
            }
            index += 1
        }
        guard location.line >= 1, location.line <= lineLengths.count else { return false }
        return location.column >= 1 && location.column <= lineLengths[location.line - 1] + 1
    }
}
