import Foundation
import Measurement
import Testing

@Suite struct JSONValueTests {
    static let nested: JSONValue = .object([
        JSONMember("name", .string("a")),
        JSONMember("list", .array([.integer(1), .decimal(2.5, fractionDigits: 3), .null])),
        JSONMember("empty", .object([])),
        JSONMember("none", .array([])),
        JSONMember("flag", .bool(true)),
    ])

    @Test func compactTextKeepsInsertionOrderOnOneLine() {
        #expect(Self.nested.compactText == #"{"name": "a", "list": [1, 2.500, null], "empty": {}, "none": [], "flag": true}"#)
    }

    @Test func prettyTextIndentsEachMemberByTwoSpacesPerLevel() {
        let expected = """
            {
              "name": "a",
              "list": [
                1,
                2.500,
                null
              ],
              "empty": {},
              "none": [],
              "flag": true
            }
            """
        #expect(Self.nested.prettyText == expected)
    }

    @Test func bothLayoutsParseToTheSameDocument() throws {
        let compact = try JSONSerialization.jsonObject(with: Data(Self.nested.compactText.utf8)) as? NSDictionary
        let pretty = try JSONSerialization.jsonObject(with: Data(Self.nested.prettyText.utf8)) as? NSDictionary
        #expect(compact != nil)
        #expect(compact == pretty)
    }

    @Test func stringsEscapeQuotesBackslashesAndControlCharacters() throws {
        let text = "say \"hi\"\\\n\t\r\u{01}é"
        #expect(JSONValue.quoted(text) == #""say \"hi\"\\\n\t\r\u0001é""#)
        let parsed = try JSONSerialization.jsonObject(with: Data(JSONValue.string(text).compactText.utf8), options: .fragmentsAllowed)
        #expect(parsed as? String == text)
    }

    @Test func missingAndNonFiniteNumbersAreNull() {
        #expect(JSONValue.decimal(nil, fractionDigits: 3) == .null)
        #expect(JSONValue.decimal(.nan, fractionDigits: 3) == .null)
        #expect(JSONValue.decimal(.infinity, fractionDigits: 3) == .null)
        #expect(JSONValue.decimal(-0.0004, fractionDigits: 3).compactText == "0.000")
        #expect(JSONValue.decimal(1.0005, fractionDigits: 2).compactText == "1.00")
    }

    @Test func integersAreExactToTheirFullRange() {
        #expect(JSONValue.integer(UInt64.max).compactText == "18446744073709551615")
        #expect(JSONValue.integer(Int64.min).compactText == "-9223372036854775808")
    }

    @Test func objectWriterBuildsNestedObjectsInOrder() {
        var inner = JSONObjectWriter()
        inner.add("b", integer: 2)
        var outer = JSONObjectWriter()
        outer.add("z", string: "first")
        outer.add("inner", object: inner)
        outer.add("x", number: 0.12345, fractionDigits: 2)
        outer.addNull("n")
        #expect(outer.text == #"{"z": "first", "inner": {"b": 2}, "x": 0.12, "n": null}"#)
    }
}
