import Scenario
import Testing

/// Every value and key knows its line and column (1-based; columns count Unicode scalars).
@Suite struct JSON5ParserPositionTests {
    @Test func valuesAndKeysCarryLineAndColumn() {
        let text = """
            {
              name: 'demo',
              nginx: {
                workers: [1, 0x2, -3.5],
              },
            }
            """
        guard let root = parsed(text) else { return }
        #expect(root.location == at(1, 1))
        #expect(root.members.map(\.keyLocation) == [at(2, 3), at(3, 3)])
        #expect(root["name"]?.location == at(2, 9))
        let nginx = root["nginx"]
        #expect(nginx?.location == at(3, 10))
        #expect(nginx?.members.first?.keyLocation == at(4, 5))
        #expect(nginx?["workers"]?.location == at(4, 14))
        #expect(nginx?["workers"]?.elements.map(\.location) == [at(4, 15), at(4, 18), at(4, 23)])
    }

    @Test func columnsCountUnicodeScalarsNotBytes() {
        guard let root = parsed("{é: 'ü中😀', x: 1}") else { return }
        #expect(root["x"]?.location == at(1, 15))
        #expect(root.members.last?.keyLocation == at(1, 12))
    }

    @Test func crLfAndLoneCrEachEndOneLine() {
        guard let root = parsed("[\r\n1,\r2,\n3,\r\n\r\n4]") else { return }
        #expect(root.elements.map(\.location) == [at(2, 1), at(3, 1), at(4, 1), at(6, 1)])
    }

    @Test func commentsAndLineContinuationsAdvanceLines() {
        let text = "/* one\ntwo\r\nthree */ ['a\\\nb', // c\n  x: 1]"
        // The array is at 3:10; the string starts there + 1; `x` is an error on line 5.
        let error = syntaxError(text)
        #expect(error?.location == at(5, 3))
        guard let root = parsed("/* one\ntwo\r\nthree */ ['a\\\nb', // c\n  true]") else { return }
        #expect(root.location == at(3, 10))
        #expect(root.elements.map(\.location) == [at(3, 11), at(5, 3)])
    }

    @Test func lineAndParagraphSeparatorsDoNotStartNewLines() {
        guard let root = parsed("[\u{2028}1,\u{2029}2]") else { return }
        #expect(root.elements.map(\.location) == [at(1, 3), at(1, 6)])
    }

    @Test func aByteOrderMarkTakesOneColumn() {
        #expect(parsed("\u{FEFF}[1]")?.location == at(1, 2))
    }
}
