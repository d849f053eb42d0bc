import Scenario
import Testing

/// Syntax errors: exact position, what was expected, the path being read.
@Suite struct JSON5ParserErrorTests {
    @Test func missingCommaBetweenMembersNamesWhatWasExpected() {
        let error = syntaxError("{\n  a: 1\n  b: 2\n}")
        #expect(error?.location == at(3, 3))
        #expect(error?.message == "expected ',' or '}' after object member, found 'b'")
    }

    @Test func missingCommaBetweenElements() {
        let error = syntaxError("[1 2]")
        #expect(error?.location == at(1, 4))
        #expect(error?.message == "expected ',' or ']' after array element, found '2'")
    }

    @Test func unclosedObjectAtEndOfInputNamesWhereItStarted() {
        let error = syntaxError("{\n  a: {b: 1}\n")
        #expect(error?.location == at(3, 1))
        #expect(error?.message == "expected ',' or '}' after object member, found end of input (the object starting at 1:1 is not closed)")
    }

    @Test func errorsNameThePathBeingRead() {
        #expect(syntaxError("{a: {b: [1, {c: 'x}]}}")?.path.description == "a.b[1].c")
        #expect(syntaxError("{a: {b: [1, 2 3]}}")?.path.description == "a.b")
        #expect(syntaxError("[1, 2, ]]")?.path.description == "")
    }

    @Test func unterminatedStringPointsAtItsOpeningQuote() {
        let error = syntaxError("{\n  name: 'demo,\n  x: 1\n}")
        #expect(error?.location == at(2, 9))
        #expect(error?.message.hasPrefix("unterminated string (a string cannot contain a line break") == true)
        let atEnd = syntaxError("['abc")
        #expect(atEnd?.location == at(1, 2))
        #expect(atEnd?.message == "unterminated string")
        #expect(syntaxError("['abc\\")?.message == "unterminated string")
    }

    @Test func unterminatedBlockCommentPointsAtItsOpening() {
        let error = syntaxError("[1,\n  /* open\n 2]")
        #expect(error?.location == at(2, 3))
        #expect(error?.message == "unterminated block comment: '/*' has no matching '*/'")
    }

    @Test func duplicateKeysNameBothLocations() {
        let error = syntaxError("{\n  keepalive: 1,\n  'keepalive': 2\n}")
        #expect(error?.location == at(3, 3))
        #expect(error?.message == "duplicate key 'keepalive' (first defined at 2:3)")
    }

    @Test func nestingDeeperThanTheLimitIsAnErrorNotACrash() {
        let limit = JSON5Parser.defaultMaximumDepth
        let allowed = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(parsed(allowed) != nil)
        let error = syntaxError(String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1))
        #expect(error?.location == at(1, limit + 1))
        #expect(error?.message == "objects and arrays are nested more than \(limit) deep")
        #expect(syntaxError(String(repeating: "{a:", count: 200_000))?.location == at(1, 3 * limit + 1))
    }

    @Test func invalidUTF8IsAnErrorAtItsPosition() {
        // 'é' is two bytes and one column; the bad byte is in a string on line 2.
        let bytes: [UInt8] = Array("[\n'é".utf8) + [0xFF] + Array("']".utf8)
        let error = syntaxError(bytes)
        #expect(error?.location == at(2, 3))
        #expect(error?.message == "invalid UTF-8 (byte 0xFF); model files must be UTF-8 text")
        #expect(syntaxError([0x5B, 0xC3])?.location == at(1, 2))  // truncated sequence
        #expect(syntaxError([0x5B, 0xE0, 0x80, 0x80, 0x5D])?.location == at(1, 2))  // overlong
        #expect(syntaxError([0x5B, 0xED, 0xA0, 0x80, 0x5D])?.location == at(1, 2))  // encoded surrogate
        #expect(syntaxError([0x2F, 0x2F, 0xC0, 0x0A, 0x31])?.location == at(1, 3))  // in a comment
    }

    @Test func numbersMalformedInEachWayAreExplained() {
        let cases: [(String, String, ModelLocation)] = [
            ("[01]", "leading zeros are not allowed in a number", at(1, 2)),
            ("[-00.5]", "leading zeros are not allowed in a number", at(1, 2)),
            ("[0x]", "expected hexadecimal digits after '0x', found ']'", at(1, 4)),
            ("[1e]", "expected digits in the exponent, found ']'", at(1, 4)),
            ("[1e+]", "expected digits in the exponent, found ']'", at(1, 5)),
            ("[.]", "expected a digit before or after '.'", at(1, 2)),
            ("[-]", "expected a number after '-', found ']'", at(1, 3)),
            ("[+ 1]", "expected a number after '+', found a space", at(1, 3)),
            ("[12px]", "unexpected 'p' after the number '12'", at(1, 4)),
            ("[0x1G]", "unexpected 'G' after the number '0x1'", at(1, 5)),
            ("[-Infinite]", "unexpected 'Infinite' after a sign; expected a number, Infinity or NaN", at(1, 2)),
            ("[1.5.2]", "expected ',' or ']' after array element, found '.'", at(1, 5)),
        ]
        for (text, message, location) in cases {
            let error = syntaxError(text)
            #expect(error?.message == message, "\(text)")
            #expect(error?.location == location, "\(text)")
        }
    }

    @Test func escapesMalformedInEachWayAreExplained() {
        let cases: [(String, String, ModelLocation)] = [
            (#"'a\1'"#, #"invalid escape '\1': digits cannot be escaped"#, at(1, 3)),
            (#"'\01'"#, #"invalid escape: '\0' must not be followed by a digit (octal escapes are not allowed)"#, at(1, 2)),
            (#"'\x4'"#, #"invalid escape: expected 2 hexadecimal digits after '\x'"#, at(1, 2)),
            (#"'\u12G4'"#, #"invalid escape: expected 4 hexadecimal digits after '\u'"#, at(1, 2)),
            (#"'\uD83D'"#, #"unpaired UTF-16 surrogate '\uD83D': it must be followed by a low surrogate '\uDC00'...'\uDFFF'"#, at(1, 2)),
            (#"'\uD83D\u0041'"#, #"unpaired UTF-16 surrogate '\uD83D': it must be followed by a low surrogate '\uDC00'...'\uDFFF'"#, at(1, 2)),
            (#"'x\uDE00'"#, #"unpaired UTF-16 surrogate '\uDE00'"#, at(1, 3)),
            (#"{a\x41: 1}"#, #"invalid escape in a name: only '\uXXXX' is allowed"#, at(1, 3)),
            (#"{a\u002D: 1}"#, "the escaped character cannot be part of a name; put the key in quotes", at(1, 3)),
        ]
        for (text, message, location) in cases {
            let error = syntaxError(text)
            #expect(error?.message == message, "\(text)")
            #expect(error?.location == location, "\(text)")
        }
    }

    @Test func structuralMistakesAreExplained() {
        let cases: [(String, String, ModelLocation)] = [
            ("", "expected a value, found end of input", at(1, 1)),
            ("// only a comment\n", "expected a value, found end of input", at(2, 1)),
            ("[1] 2", "expected the end of the document after the top-level value, found '2'", at(1, 5)),
            ("{a: 1}}", "expected the end of the document after the top-level value, found '}'", at(1, 7)),
            ("[,]", "expected a value or ']', found ','", at(1, 2)),
            ("[1,,2]", "expected a value or ']', found ','", at(1, 4)),
            ("{,}", "expected a key (a name or a quoted string) or '}', found ','", at(1, 2)),
            ("{1: 2}", "expected a key (a name or a quoted string) or '}', found '1'", at(1, 2)),
            ("{a 1}", "expected ':' after key 'a', found '1'", at(1, 4)),
            ("{a: }", "expected a value, found '}'", at(1, 5)),
            ("{a: hello}", #"unexpected 'hello'; expected a value (strings need quotes: "hello")"#, at(1, 5)),
            ("[True]", #"unexpected 'True'; expected a value (strings need quotes: "True")"#, at(1, 2)),
            (#"[\u006Eull]"#, #"unexpected 'null'; expected a value (strings need quotes: "null")"#, at(1, 2)),
            ("[1 / 2]", "expected ',' or ']' after array element, found '/'", at(1, 4)),
            ("[\u{1}]", "expected a value, found U+0001", at(1, 2)),
        ]
        for (text, message, location) in cases {
            let error = syntaxError(text)
            #expect(error?.message == message, "\(text.debugDescription)")
            #expect(error?.location == location, "\(text.debugDescription)")
        }
    }

    @Test func errorDescriptionIsLineColonColumnColonMessage() {
        #expect(syntaxError("[1 2]")?.description == "1:4: expected ',' or ']' after array element, found '2'")
    }
}
