import Randomness
import Scenario
import Testing

/// Damaged model files never crash anything: each either reads or yields
/// diagnostics whose positions exist in the damaged text.
@Suite struct JSON5MutationRobustnessTests {
    /// Bytes that tend to matter to a JSON5 parser, including broken UTF-8.
    static let interestingBytes: [UInt8] = Array("{}[],:'\"\\/*+-.0123456789eExXuINa \n\r\t".utf8)
        + [0x00, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF]

    @Test func randomlyDamagedModelFilesParseOrFailWithAValidPosition() {
        let original = Array(SampleModel.text.utf8)
        var outcomes = (parsed: 0, syntaxErrors: 0, readErrors: 0)
        var badSeeds = 0
        for seed in UInt64(1)...5_000 where badSeeds < 10 {  // enough to diagnose; the rest would be noise
            var random = SplitMix64(seed: seed)
            var bytes = original
            for _ in 0...random.below(3) { random.damage(&bytes, insertingFrom: Self.interestingBytes) }
            do {
                let document = try ModelDocument(file: "damaged.json5", bytes: bytes)
                outcomes.parsed += 1
                do {
                    _ = try document.read(SampleModel.read)
                } catch {
                    outcomes.readErrors += 1
                    for diagnostic in error.items {
                        if let location = diagnostic.location, !isValid(location, in: bytes) {
                            Issue.record("seed \(seed): position outside the text: \(diagnostic)")
                            badSeeds += 1
                        }
                    }
                }
            } catch {
                outcomes.syntaxErrors += 1
                guard error.items.count == 1, let location = error.items.first?.location, isValid(location, in: bytes) else {
                    Issue.record("seed \(seed): not one syntax error with a position inside the text: \(error)")
                    badSeeds += 1
                    continue
                }
            }
        }
        // The sweep must exercise both outcomes, or it proves little.
        #expect(outcomes.parsed > 250 && outcomes.syntaxErrors > 2_500, "\(outcomes)")
    }

    /// True when the location names a line that exists, and a column at most one past its end.
    private func isValid(_ location: ModelLocation, in bytes: [UInt8]) -> Bool {
        var lineLengths = [0]  // bytes per line: an upper bound for its columns
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\r"):
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                lineLengths.append(0)
            case UInt8(ascii: "\n"):
                lineLengths.append(0)
            default:
                lineLengths[lineLengths.count - 1] += 1
            }
            index += 1
        }
        guard location.line >= 1 && location.line <= lineLengths.count else { return false }
        return location.column >= 1 && location.column <= lineLengths[location.line - 1] + 1
    }
}
