import Scenario
import Testing

/// Property: printing a tree and parsing the text gives the same tree, and
/// printing is a fixed point (print(parse(print(t))) == print(t)).
@Suite struct JSON5RoundTripTests {
    @Test func writerOutputParsesBackToTheSameTree() {
        for seed in UInt64(1)...3_000 {
            var generator = RandomJSON5(seed: seed)
            let tree = generator.value()
            let text = JSON5Writer().string(for: tree)
            do {
                let reparsed = try JSON5Parser.parse(text)
                #expect(reparsed == tree, "seed \(seed): \(text)")
                #expect(JSON5Writer().string(for: reparsed) == text, "seed \(seed)")
            } catch {
                Issue.record("seed \(seed): \(error) in\n\(text)")
            }
        }
    }

    @Test func randomSpellingsOfATreeParseToThatTree() {
        for seed in UInt64(1)...3_000 {
            var generator = RandomJSON5(seed: seed)
            let tree = generator.value()
            let text = generator.document(for: tree)
            do {
                let reparsed = try JSON5Parser.parse(text)
                #expect(reparsed == tree, "seed \(seed): \(text.debugDescription)")
            } catch {
                Issue.record("seed \(seed): \(error) in \(text.debugDescription)")
            }
        }
    }
}
