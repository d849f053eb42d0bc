import Testing
import ProxyModel
import Randomness
import Traffic

/// A valid trace, mutated at random, always either reads to the end or
/// fails with a `ReadError` naming a line of the file — never a crash, a
/// hang or a record breaking the format's rules.
@Suite struct TraceFileReaderMutationTests {
    static let valid: [UInt8] = {
        var text = "# generated\ntime_ms,client,method,request_bytes,response_bytes\n"
        for i in 0..<40 {
            let method = HTTPMethod.allCases[i % HTTPMethod.allCases.count].rawValue
            text += "\(i * 3).\(i % 10),\(i % 7),\(method),\(i * 11),\(1_000 + i)\n"
            if i % 9 == 0 { text += "\n# a comment\n" }
        }
        return Array(text.utf8)
    }()

    /// Bytes that matter to the format, plus any byte at all.
    static func interestingByte(_ random: inout RandomStream) -> UInt8 {
        let special: [UInt8] = [0x00, 0x0A, 0x0D, 0x09, 0x20, 0x2C, 0x2D, 0x2E, 0x23, 0x2B, 0x65, 0x30, 0x39, 0xFF, 0xC3, 0xE2, 0x80, 0x22]
        return random.next(below: 2) == 0 ? special[Int(random.next(below: UInt64(special.count)))] : UInt8(truncatingIfNeeded: random.next())
    }

    static func mutate(_ input: [UInt8], _ random: inout RandomStream) -> [UInt8] {
        var bytes = input
        for _ in 0...random.next(below: 3) {
            let position = bytes.isEmpty ? 0 : Int(random.next(below: UInt64(bytes.count)))
            switch random.next(below: 6) {
            case 0 where !bytes.isEmpty:  // replace a byte
                bytes[position] = interestingByte(&random)
            case 1:  // insert a few bytes
                let count = Int(random.next(below: 4)) + 1
                bytes.insert(contentsOf: (0..<count).map { _ in interestingByte(&random) }, at: position)
            case 2 where !bytes.isEmpty:  // delete a run
                let count = min(bytes.count - position, Int(random.next(below: 8)) + 1)
                bytes.removeSubrange(position..<(position + count))
            case 3:  // truncate
                bytes.removeSubrange(position...)
            case 4 where !bytes.isEmpty:  // duplicate a run (moves lines, makes times go backwards)
                let count = min(bytes.count - position, Int(random.next(below: 40)) + 1)
                let run = Array(bytes[position..<(position + count)])
                bytes.insert(contentsOf: run, at: Int(random.next(below: UInt64(bytes.count + 1))))
            case 5:  // a very long run of one byte
                bytes.insert(contentsOf: [UInt8](repeating: interestingByte(&random), count: 70_000), at: position)
            default:
                break
            }
        }
        return bytes
    }

    @Test func mutatedTracesReadToTheEndOrFailWithAReadErrorAtALineOfTheFile() {
        let directory = TemporaryFiles.directory()
        let path = directory + "/mutant.csv"
        var random = RandomStream(seed: 2_024)
        var outcomes = (records: 0, errors: 0)
        for mutation in 0..<2_000 {
            let bytes = Self.mutate(Self.valid, &random)
            TemporaryFiles.write(bytes, to: path)
            let lineCount = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
            switch TemporaryFiles.readAll(path) {
            case .success(let records):
                outcomes.records += 1
                for (a, b) in zip(records, records.dropFirst()) where b.time < a.time {
                    Issue.record("mutation \(mutation) (seed 2024): times go backwards: \(a.time) then \(b.time)")
                }
                if records.contains(where: { $0.client < 0 || $0.requestBytes < 0 || $0.responseBytes < 0 || $0.time < .zero }) {
                    Issue.record("mutation \(mutation) (seed 2024): a record out of range")
                }
            case .failure(let error):
                outcomes.errors += 1
                if error.line < 1 || error.line > lineCount + 1 || !error.description.hasPrefix("\(path):\(error.line): ")
                    || error.message.isEmpty || error.message.contains("\n") {
                    Issue.record("mutation \(mutation) (seed 2024): \(error) (file of \(lineCount) lines)")
                }
            }
        }
        // Both outcomes occur, or the mutations test nothing.
        #expect(outcomes.records > 50 && outcomes.errors > 50, "\(outcomes)")
    }
}
