import Testing
import Randomness
import Traffic

/// Hostile access-log lines: seeded, bounded mutations of real-looking lines
/// never trap or hang the parser; each either parses or says why not.
@Suite struct AccessLogFuzzTests {
    @Test(arguments: SyntheticAccessLog.Style.allCases)
    func mutatedLinesParseOrFailWithAMessage(style: SyntheticAccessLog.Style) throws {
        let format = try AccessLogFormat(parsing: style.formatText)
        let lines = SyntheticAccessLog(style: style, requests: 50, seed: 3).make().lines
        let alphabet = Array(" \",-:[]./0123456789aGET\\x\t".utf8) + [0, 0xFF]
        for seed in UInt64(1)...300 {
            var random = SeedSequence(masterSeed: seed).stream(named: "access-log-fuzz")
            var line = Array(lines[Int(random.next(below: UInt64(lines.count)))].utf8)
            for _ in 0..<(1 + random.next(below: 6)) {
                let at = Int(random.next(below: UInt64(line.count + 1)))
                let byte = alphabet[Int(random.next(below: UInt64(alphabet.count)))]
                switch random.next(below: 3) {
                case 0: line.insert(byte, at: at)
                case 1: if at < line.count { line.remove(at: at) }
                default: if at < line.count { line[at] = byte }
                }
            }
            do {
                _ = try format.parse(line: line)
            } catch {
                #expect(!error.message.isEmpty, "seed \(seed): an error without a message")
            }
        }
    }

    @Test func aLineThatCanBeSplitInVeryManyWaysIsRefusedNotSearchedForever() throws {
        // Every space could end $a or $b or $c: the split search is bounded.
        let format = try AccessLogFormat(parsing: "$status $a $b $c $d $e $f $request_time")
        let line = "200 " + String(repeating: "x ", count: 400) + "bad"
        #expect(throws: AccessLogFormat.LineError.self) { try format.parse(line: line) }
    }
}
