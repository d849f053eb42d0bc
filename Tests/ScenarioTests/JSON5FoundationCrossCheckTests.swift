import Scenario
import Testing

/// Our parser against an independent one, Foundation's `JSONDecoder.allowsJSON5`,
/// on the part of JSON5 where Foundation follows the spec. Known Foundation
/// deviations (checked on Swift 6.3.1, Linux), kept out of the generated documents:
/// it refuses `\v`, `\0`, non-escape characters (`\a`), raw tabs in strings,
/// no-break space and U+2028/9 as whitespace, and out-of-range numbers (`1e400`);
/// it keeps `\u0061` in unquoted keys undecoded and the line break of a line
/// continuation in the string; it reads `1e+` as `1`;
/// on duplicate keys it keeps the first (we refuse them).
@Suite struct JSON5FoundationCrossCheckTests {
    @Test func bothParsersAcceptGeneratedDocumentsAndAgreeOnValues() {
        for seed in UInt64(1)...1_500 {
            var generator = RandomJSON5(seed: seed, foundationCompatible: true)
            let tree = generator.value()
            let text = generator.document(for: tree)
            guard let foundation = FoundationJSON5.parse(text) else {
                Issue.record("seed \(seed): Foundation refused \(text.debugDescription)")
                continue
            }
            do {
                let ours = try JSON5Parser.parse(text)
                #expect(FoundationJSON5(ours) == foundation, "seed \(seed): \(text.debugDescription)")
            } catch {
                Issue.record("seed \(seed): we refused (\(error)) \(text.debugDescription)")
            }
        }
    }

    @Test func bothParsersRefuseTheSameMalformedDocuments() {
        let malformed = [
            "", "   ", "// nothing", "[01]", "[00]", "[0x]", "[1e]", "[.e1]", "{a:1 b:2}", "[1 2]", "1 2",
            "[,]", "{,}", "[1,,2]", "{a:1}}", "[1]]", "[1", "{a:1", "{a}", "{a:}", "{:1}", "[/* open", "['open",
            "\"\\1\"", "[\"\\uD800\"]", "[\"\\uDC00\"]", "[\"\\u12\"]", "[\"\\x4\"]", "[\"a\nb\"]", "[True]", "[nul]",
            "{'a' 1}", "[+]", "[-]", "[--1]", "[0x1G]", "[12px]", "[Infinityx]", "{a b: 1}", "[1.2.3]", "{\"a\":1,,}",
        ]
        for text in malformed {
            #expect(FoundationJSON5.parse(text) == nil, "Foundation accepted \(text.debugDescription)")
            #expect(throws: JSON5SyntaxError.self, "we accepted \(text.debugDescription)") { try JSON5Parser.parse(text) }
        }
    }

    @Test func bothParsersAgreeAfterDeletingAStructuralCharacter() {
        let structural = Set("{}[],:\"'".utf8)
        for seed in UInt64(1)...1_500 {
            var generator = RandomJSON5(seed: seed, foundationCompatible: true)
            let tree = generator.value()
            var bytes = Array(generator.document(for: tree).utf8)
            // Not a character after a backslash: `\"` would become `\X`, which Foundation refuses.
            let positions = bytes.indices.filter { structural.contains(bytes[$0]) && ($0 == 0 || bytes[$0 - 1] != UInt8(ascii: "\\")) }
            guard !positions.isEmpty else { continue }
            bytes.remove(at: positions[generator.random.below(positions.count)])
            let text = String(decoding: bytes, as: UTF8.self)
            let foundation = FoundationJSON5.parse(text)
            let ours = try? JSON5Parser.parse(text)
            if let ours, ours.hasDuplicateKeys { continue }  // cannot happen: we refuse those
            #expect((ours == nil) == (foundation == nil), "seed \(seed): ours \(ours.map { "\($0)" } ?? "refused"), Foundation \(foundation.map { "\($0)" } ?? "refused"): \(text.debugDescription)")
            if let ours, let foundation {
                #expect(FoundationJSON5(ours) == foundation, "seed \(seed): \(text.debugDescription)")
            }
        }
    }
}

extension JSON5Value {
    fileprivate var hasDuplicateKeys: Bool {
        switch kind {
        case .array(let elements): return elements.contains { $0.hasDuplicateKeys }
        case .object(let members): return Set(members.map(\.key)).count != members.count || members.contains { $0.value.hasDuplicateKeys }
        default: return false
        }
    }
}
