import Scenario
import Testing

/// One test per feature JSON5 adds to JSON (https://spec.json5.org, 1.0.0).
@Suite struct JSON5ParserFeatureTests {
    @Test func objectKeysMayBeUnquotedNames() {
        let value = parsed("{unquoted: 'and you can quote me on that', $ref: 1, _under_score9: 2}")
        #expect(value?.members.map(\.key) == ["unquoted", "$ref", "_under_score9"])
        #expect(value?["unquoted"]?.string == "and you can quote me on that")
    }

    @Test func unquotedKeysMayUseUnicodeLettersAndEscapes() {
        let value = parsed(#"{café: 1, 中文: 2, \u0061b: 3, a\u0062c: 4, x"# + "\u{200C}" + #"y: 5}"#)
        #expect(value?.members.map(\.key) == ["café", "中文", "ab", "abc", "x\u{200C}y"])
    }

    @Test func reservedWordsAndLiteralNamesAreValidKeys() {
        let value = parsed("{null: 1, true: 2, false: 3, Infinity: 4, NaN: 5, if: 6}")
        #expect(value?.members.map(\.key) == ["null", "true", "false", "Infinity", "NaN", "if"])
        #expect(value?["Infinity"]?.int64 == 4)
    }

    @Test func keysMayBeSingleOrDoubleQuoted() {
        let value = parsed(#"{'single': 1, "double": 2, 'with space': 3, "": 4}"#)
        #expect(value?.members.map(\.key) == ["single", "double", "with space", ""])
    }

    @Test func objectsAndArraysMayEndWithATrailingComma() {
        #expect(parsed("{a: 1, b: [1, 2,],}") == ["a": 1, "b": [1, 2]])
        #expect(parsed("[{},]") == [[:]])
    }

    @Test func stringsMayBeSingleQuotedAndContainTheOtherQuote() {
        #expect(parsed(#"['I can use "double quotes" here', "and 'single' here"]"#)
            == [#"I can use "double quotes" here"#, "and 'single' here"])
    }

    @Test func stringsMaySpanLinesWithABackslashBeforeTheLineBreak() {
        #expect(parsed("'Look, Mom! \\\nNo \\\r\nnew\\\rlines\\\u{2028}!'")?.string == "Look, Mom! No newlines!")
    }

    @Test func stringsMayContainUnescapedLineAndParagraphSeparatorsAndTabs() {
        #expect(parsed("'a\u{2028}b\u{2029}c\td'")?.string == "a\u{2028}b\u{2029}c\td")
    }

    @Test func singleCharacterEscapesStandForControlCharactersAndQuotes() {
        #expect(parsed(#"'\b\f\n\r\t\v\0\'\"\\\/'"#)?.string == "\u{08}\u{0C}\n\r\t\u{0B}\u{0}'\"\\/")
    }

    @Test func hexAndUnicodeEscapesIncludingSurrogatePairs() {
        #expect(parsed(#"'\x41\xe9\u00E9\u4E2D\uD83D\uDE00'"#)?.string == "Aéé中😀")
    }

    @Test func anyOtherEscapedCharacterStandsForItself() {
        #expect(parsed(#"'\a\q\é\中'"#)?.string == "aqé中")
    }

    @Test func numbersMayBeHexadecimal() {
        let value = parsed("[0xdecaf, -0xC0FFEE, 0X1f, +0x10, 0x7FFFFFFFFFFFFFFF, -0x8000000000000000]")
        #expect(value?.elements.map(\.int64) == [0xDECAF, -0xC0FFEE, 0x1F, 16, .max, .min])
        #expect(value?.elements.first.map { "\($0)" } == "0xdecaf")
    }

    @Test func numbersMayHaveALeadingOrTrailingDecimalPoint() {
        let value = parsed("[.8675309, 8675309., -.5, 5.e2]")
        #expect(value?.elements.map(\.double) == [0.8675309, 8675309, -0.5, 500])
        #expect(value?.elements.map(\.int64) == [nil, 8675309, nil, 500])
    }

    @Test func numbersMayBeginWithAPlusSign() {
        #expect(parsed("[+1, +.5, +1e3]")?.elements.map(\.double) == [1, 0.5, 1000])
    }

    @Test func numbersMayBeInfinityOrNaNWithOptionalSign() {
        let doubles = parsed("[Infinity, +Infinity, -Infinity, NaN, -NaN]")?.elements.compactMap(\.double) ?? []
        #expect(doubles.count == 5)
        #expect(doubles.prefix(3) == [.infinity, .infinity, -.infinity])
        #expect(doubles.suffix(2).allSatisfy { $0.isNaN })
        #expect(parsed("[Infinity]")?.elements.first?.int64 == nil)
    }

    @Test func integersAreExactAndKeepTheirSpelling() {
        let value = parsed("[9223372036854775807, -9223372036854775808, 9223372036854775808, 9007199254740993, 1e3, 2.0, 1.5, -0]")
        #expect(value?.elements.map(\.int64) == [.max, .min, nil, 9_007_199_254_740_993, 1000, 2, nil, 0])
        #expect(value?.elements[2].double == 9_223_372_036_854_775_808.0)
        #expect(value?.elements[7].double?.sign == .minus)
        guard case .number(let number)? = value?.elements[4].kind else { return }
        #expect(number.literal == "1e3")
    }

    @Test func lineAndBlockCommentsAreIgnored() {
        let text = """
            // a line comment
            { /* a block
                 comment */ a: /**/ 1, // after a member
              b: 2 /* after a value */ } // at the end
            """
        #expect(parsed(text) == ["a": 1, "b": 2])
        #expect(parsed("1 // no line break at the end") == 1)
    }

    @Test func additionalWhitespaceCharactersAreAllowed() {
        let whitespace = ["\t", "\u{0B}", "\u{0C}", " ", "\u{A0}", "\u{FEFF}", "\n", "\r", "\r\n", "\u{2028}", "\u{2029}", "\u{3000}", "\u{2003}"]
        for space in whitespace {
            #expect(parsed("\(space)[\(space)1\(space),\(space)2\(space)]\(space)") == [1, 2], "whitespace \(space.unicodeScalars.map(\.value))")
        }
    }

    @Test func theTopLevelValueMayBeAnyValue() {
        #expect(parsed("null") == JSON5Value(.null))
        #expect(parsed(" true ") == true)
        #expect(parsed("'x'") == "x")
        #expect(parsed("-0x10") == -16)
    }

    @Test func objectMembersKeepTheirOrder() {
        #expect(parsed("{zebra: 1, apple: 2, mango: 3}")?.members.map(\.key) == ["zebra", "apple", "mango"])
    }

    @Test func theSpecificationsExampleParses() {
        let text = """
            {
              // comments
              unquoted: 'and you can quote me on that',
              singleQuotes: 'I can use "double quotes" here',
              lineBreaks: "Look, Mom! \\
            No \\\\n's!",
              hexadecimal: 0xdecaf,
              leadingDecimalPoint: .8675309, andTrailing: 8675309.,
              positiveSign: +1,
              trailingComma: 'in objects', andIn: ['arrays',],
              "backwardsCompatible": "with JSON",
            }
            """
        let expected: JSON5Value = [
            "unquoted": "and you can quote me on that",
            "singleQuotes": #"I can use "double quotes" here"#,
            "lineBreaks": #"Look, Mom! No \n's!"#,
            "hexadecimal": 912_559,
            "leadingDecimalPoint": 0.8675309, "andTrailing": 8_675_309,
            "positiveSign": 1,
            "trailingComma": "in objects", "andIn": ["arrays"],
            "backwardsCompatible": "with JSON",
        ]
        #expect(parsed(text) == expected)
    }
}
