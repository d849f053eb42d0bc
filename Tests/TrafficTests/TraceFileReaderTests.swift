import Testing
import ProxyModel
import Traffic

@Suite struct TraceFileReaderTests {
    static func ms(_ milliseconds: Int64, _ nanoseconds: Int64 = 0) -> Instant {
        Instant(nanoseconds: milliseconds * 1_000_000 + nanoseconds)
    }

    static func records(_ text: String) -> [TraceRecord]? {
        let path = TemporaryFiles.file(text)
        switch TemporaryFiles.readAll(path) {
        case .success(let records): return records
        case .failure(let error): Issue.record("unexpected error: \(error)"); return nil
        }
    }

    /// Reading `bytes` fails at `line` with a message holding every one of `phrases`,
    /// printed as "path:line: message" (just "path: message" for line 0).
    static func expectError(_ bytes: [UInt8], line: Int, _ phrases: String..., sourceLocation: SourceLocation = #_sourceLocation) {
        let path = TemporaryFiles.file(bytes)
        expectError(at: path, line: line, phrases, sourceLocation: sourceLocation)
    }

    static func expectError(_ text: String, line: Int, _ phrases: String..., sourceLocation: SourceLocation = #_sourceLocation) {
        let path = TemporaryFiles.file(text)
        expectError(at: path, line: line, phrases, sourceLocation: sourceLocation)
    }

    static func expectError(at path: String, line: Int, _ phrases: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        switch TemporaryFiles.readAll(path) {
        case .success(let records):
            Issue.record("read \(records.count) records, expected an error at line \(line)", sourceLocation: sourceLocation)
        case .failure(let error):
            #expect(error.path == path, sourceLocation: sourceLocation)
            #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix(line > 0 ? "\(path):\(line): " : "\(path): "), "\(error)", sourceLocation: sourceLocation)
            for phrase in phrases {
                #expect(error.message.contains(phrase), "\(error) lacks \"\(phrase)\"", sourceLocation: sourceLocation)
            }
        }
    }

    // MARK: Good files

    @Test func readsColumnsInAnyOrderSkipsCommentsAndBlankLinesAndFillsInDefaults() {
        let text = """
            # a trace written by hand
               
            method, client ,time_ms,response_bytes
            GET,0,0,
            post,3,1.5,20
              # a comment between rows
            \t
            ,1,1.5,
            Put,2147483647,2.0000005,0
            """
        let expected = [
            TraceRecord(time: Self.ms(0), client: 0, method: .get, requestBytes: 0, responseBytes: 1_000),
            TraceRecord(time: Self.ms(1, 500_000), client: 3, method: .post, requestBytes: 0, responseBytes: 20),
            TraceRecord(time: Self.ms(1, 500_000), client: 1, method: .get, requestBytes: 0, responseBytes: 1_000),
            TraceRecord(time: Self.ms(2, 1), client: 2_147_483_647, method: .put, requestBytes: 0, responseBytes: 0),
        ]
        #expect(Self.records(text) == expected)
    }

    @Test func readsEveryColumnAndEveryMethod() {
        var text = "response_bytes,request_bytes,method,client,time_ms\n"
        var expected: [TraceRecord] = []
        for (i, method) in HTTPMethod.allCases.enumerated() {
            text += "\(i * 7),\(i * 3),\(method.rawValue.lowercased()),\(i),\(i * 10)\n"
            expected.append(TraceRecord(time: Self.ms(Int64(i * 10)), client: Int32(i), method: method,
                                        requestBytes: Int64(i * 3), responseBytes: Int64(i * 7)))
        }
        // The largest size a trace may give: 1 TB, the bound model files have too.
        text += "1000000000000,0,GET,0,1000\n"
        expected.append(TraceRecord(time: Self.ms(1_000), client: 0, requestBytes: 0, responseBytes: 1_000_000_000_000))
        #expect(Self.records(text) == expected)
    }

    @Test func millisecondsAreConvertedToNanosecondsExactlyWithTheSeventhDecimalRounding() {
        let cases: [(String, Int64)] = [
            ("12", 12_000_000), ("12.", 12_000_000), (".5", 500_000), ("0.000001", 1), ("1.2345674", 1_234_567),
            ("1.2345675", 1_234_568), ("0.1", 100_000), ("007.25", 7_250_000), ("1.99999999", 2_000_000),
            ("9000000000000", 9_000_000_000_000_000_000),
        ]
        for (text, nanoseconds) in cases {
            #expect(Self.records("time_ms,client\n\(text),0\n")?.first?.time == Instant(nanoseconds: nanoseconds), "\(text)")
        }
    }

    @Test func crlfLineEndingsAByteOrderMarkAndNoFinalNewlineReadLikeAPlainFile() {
        let plain = "time_ms,client,method\n# comment\n1,0,GET\n\n2.5,1,POST\n"
        let expected = Self.records(plain)
        #expect(expected?.count == 2)
        #expect(Self.records(plain.replacingOccurrences(of: "\n", with: "\r\n")) == expected)
        #expect(Self.records("\u{FEFF}" + plain) == expected)
        #expect(Self.records(String(plain.dropLast())) == expected)
    }

    @Test func aHeaderAloneIsAnEmptyTrace() {
        #expect(Self.records("time_ms,client\n")?.isEmpty == true)
        #expect(Self.records("# just\ntime_ms,client\n# comments\n\n")?.isEmpty == true)
    }

    // MARK: Bad files

    @Test func anEmptyFileOrOneWithoutAHeaderIsAnErrorAtTheLineTheHeaderBelongs() {
        Self.expectError("", line: 1, "no header", "time_ms,client")
        Self.expectError("# only\n\n# comments\n", line: 4, "no header", "time_ms,client")
    }

    @Test func anUnknownColumnIsNamedWithTheValidOnes() {
        Self.expectError("time_ms,client,bogus\n1,2,3\n", line: 1, "unknown column \"bogus\"",
                         "valid columns: time_ms, client, method, request_bytes, response_bytes")
        Self.expectError("# first a comment\ntime_ms,client,Method\n", line: 2, "unknown column \"Method\"", "method")
        Self.expectError("time_ms,,client\n", line: 1, "column 2 of the header is empty", "valid columns")
    }

    @Test func aColumnNamedTwiceIsAnError() {
        Self.expectError("time_ms,client,time_ms\n1,2,3\n", line: 1, "time_ms is named twice")
    }

    @Test func aMissingRequiredColumnIsNamed() {
        Self.expectError("client,method\n1,GET\n", line: 1, "lacks the required column time_ms", "valid columns")
        Self.expectError("method\nGET\n", line: 1, "required columns time_ms and client")
        Self.expectError("time_ms,method\n1,GET\n", line: 1, "required column client")
    }

    @Test func aBadTimeIsNamedWithWhatAValidTimeLooksLike() {
        for bad in ["abc", "1e3", "0x10", "inf", "nan", "1.2.3", " . ", "+1", "1 2"] {
            Self.expectError("time_ms,client\n0,0\n\(bad),0\n", line: 3, "time_ms", "plain decimal")
        }
        Self.expectError("time_ms,client\n,0\n", line: 2, "time_ms is empty", "such as 12")
    }

    @Test func aNegativeTimeIsAnError() {
        Self.expectError("time_ms,client\n-5,0\n", line: 2, "time_ms must not be negative", "\"-5\"")
        Self.expectError("time_ms,client\n-0.5,0\n", line: 2, "must not be negative")
    }

    @Test func aTimeBeyondTheRangeOfInstantsIsAnError() {
        Self.expectError("time_ms,client\n9000000000000.5,0\n", line: 2, "at most 9000000000000")
        Self.expectError("time_ms,client\n99999999999999999999999,0\n", line: 2, "at most 9000000000000")
    }

    @Test func aTimeGoingBackwardsIsAnErrorAtItsOwnLine() {
        Self.expectError("time_ms,client\n1,0\n7.25,0\n# comment\n\n7.2,0\n", line: 6, "\"7.2\" is before the previous record's 7.25",
                         "sorted by time")
    }

    @Test func aBadClientIsNamedWithTheValidRange() {
        for bad in ["-1", "x", "2147483648", "", "1.0", "+3"] {
            Self.expectError("time_ms,client\n0,0\n1,\(bad)\n", line: 3, "client must be an integer from 0 to 2147483647", "\"\(bad)\"")
        }
    }

    @Test func anUnknownMethodIsNamedWithTheValidOnes() {
        Self.expectError("time_ms,client,method\n0,0,FETCH\n", line: 2, "unknown method \"FETCH\"",
                         "valid: GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, LOCK")
    }

    @Test func negativeOrNonIntegerByteCountsAreErrors() {
        Self.expectError("time_ms,client,request_bytes\n0,0,-1\n", line: 2, "request_bytes must be an integer from 0", "\"-1\"")
        Self.expectError("time_ms,client,response_bytes\n0,0,1.5\n", line: 2, "response_bytes must be an integer from 0", "\"1.5\"")
        Self.expectError("time_ms,client,response_bytes\n0,0,9223372036854775808\n", line: 2, "response_bytes must be an integer")
    }

    @Test func aRowWithTooManyOrTooFewFieldsIsAnError() {
        Self.expectError("time_ms,client\n0,0,0\n", line: 2, "expected 2 comma-separated fields", "found 3")
        Self.expectError("time_ms,client,method\n0,0\n", line: 2, "expected 3 comma-separated fields", "found 2")
    }

    @Test func aMissingFileIsAnErrorNamingItAndWhy() {
        let path = TemporaryFiles.directory() + "/no-such-trace.csv"
        Self.expectError(at: path, line: 0, ["cannot open the trace file", "No such file or directory"])
    }

    @Test func aDirectoryIsAnErrorNotAnEmptyTrace() {
        Self.expectError(at: TemporaryFiles.directory(), line: 0, ["cannot read the trace file", "Is a directory"])
    }

    @Test func aHugeLineIsRefusedWithoutReadingItWhole() {
        Self.expectError("time_ms,client\n0,0\n" + String(repeating: "9", count: 100_000) + ",0\n", line: 3, "longer than 65536 bytes")
        // Ten megabytes and no newline at all.
        Self.expectError([UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000), line: 1, "longer than 65536 bytes")
        // A long comment is still a line.
        Self.expectError("#" + String(repeating: "c", count: 70_000) + "\ntime_ms,client\n", line: 1, "longer than")
        // Exactly the limit is fine.
        #expect(Self.records("time_ms,client\n#" + String(repeating: "c", count: 65_535) + "\n1,0\n")?.count == 1)
    }

    @Test func invalidUTF8IsAnErrorAtItsLine() {
        let header = Array("time_ms,client,method\n".utf8)
        Self.expectError(header + Array("0,0,GET\n1,0,G".utf8) + [0xFF] + Array("T\n".utf8), line: 3, "not valid UTF-8")
        Self.expectError([0xC3, 0x28] + Array(",client\n".utf8), line: 1, "not valid UTF-8")
        Self.expectError(header + [UInt8(ascii: "#"), 0xED, 0xA0, 0x80, 0x0A], line: 2, "not valid UTF-8")  // an encoded surrogate
    }

    @Test func controlCharactersInAnErrorMessageAreEscaped() {
        let path = TemporaryFiles.file(Array("time_ms,client\n1,0\u{1}\u{7F}\n".utf8))
        guard case .failure(let error) = TemporaryFiles.readAll(path) else { Issue.record("no error"); return }
        #expect(error.message.contains("\"0\\u{1}\\u{7f}\""), "\(error)")
        #expect(!error.description.contains("\u{1}"))
    }

    @Test func afterAnErrorTheReaderKeepsThrowingIt() throws {
        let path = TemporaryFiles.file("time_ms,client\n5,0\n4,0\n6,0\n")
        let reader = try TraceFileReader(path: path)
        #expect(try reader.next()?.time == Self.ms(5))
        var first: TraceFileReader.ReadError?
        do { _ = try reader.next() } catch { first = error }
        #expect(first?.line == 3)
        do {
            _ = try reader.next()
            Issue.record("read on after an error")
        } catch {
            #expect(error.line == 3 && error.message == first?.message)
        }
    }
}
