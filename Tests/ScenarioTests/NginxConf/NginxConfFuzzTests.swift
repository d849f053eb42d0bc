import Foundation
import Randomness
import Scenario
import Testing

/// Damaged and random nginx.conf files never crash or hang the importer:
/// each imports, or fails with one error inside the file it names. Seeded
/// and bounded; a failure prints its seed.
@Suite struct NginxConfFuzzTests {
    /// Bytes that matter to nginx's reader, and some that should not.
    static let interestingBytes: [UInt8] = Array("{};\"'\\#$ \n\t()=/:*".utf8) + [0x00, 0x80, 0xC3, 0xFF]

    /// Words directives are made of, for random configurations.
    static let words = [
        "http", "server", "location", "upstream", "events", "include", "proxy_pass", "keepalive", "server", "map",
        "if", "worker_processes", "listen", "/", "api", "http://api", "http://10.0.0.1:80", "10.0.0.1:80", "weight=2",
        "backup", "on", "off", "4", "auto", "60s", "1.1", "Connection", "proxy_set_header", "proxy_http_version",
        "\"\"", "'x y'", "$var", "${v}", "least_conn", "hash", "$request_uri", "\\;", "#c\n",
    ]

    @Test func randomlyDamagedConfigurationsImportOrFailInsideTheFile() throws {
        let files = try NginxConfFiles()
        defer { files.remove() }
        let original = Array(NginxConfImportTests.typical.utf8)
        var outcomes = (imported: 0, failed: 0)
        for seed in UInt64(1)...1_500 {
            var random = SplitMix64(seed: seed)
            var bytes = original
            for _ in 0...random.below(3) { random.damage(&bytes, insertingFrom: Self.interestingBytes) }
            try files.write("nginx.conf", bytes: bytes)
            check(files, bytes: bytes, seed: seed, outcomes: &outcomes)
        }
        // The sweep must exercise both outcomes, or it proves little.
        #expect(outcomes.imported > 100 && outcomes.failed > 500, "\(outcomes)")
    }

    @Test func randomConfigurationsImportOrFailInsideTheFile() throws {
        let files = try NginxConfFiles()
        defer { files.remove() }
        var outcomes = (imported: 0, failed: 0)
        for seed in UInt64(1)...1_000 {
            var random = SplitMix64(seed: seed)
            var text = ""
            for _ in 0..<random.below(60) {
                text += random.pick(Self.words) + random.pick([" ", " ", "\n", ";", " { ", " } ", ";\n"])
            }
            let bytes = Array(text.utf8)
            try files.write("nginx.conf", bytes: bytes)
            check(files, bytes: bytes, seed: seed, outcomes: &outcomes)
        }
        #expect(outcomes.failed > 500, "\(outcomes)")
    }

    private func check(_ files: NginxConfFiles, bytes: [UInt8], seed: UInt64, outcomes: inout (imported: Int, failed: Int)) {
        switch files.importing("nginx.conf") {
        case .success:
            outcomes.imported += 1
        case .failure(let error):
            outcomes.failed += 1
            let lines = bytes.count { $0 == UInt8(ascii: "\n") } + 1
            let inside = error.line.map { (1...lines).contains($0) } ?? true
            if error.file != files.path("nginx.conf") || !inside || error.message.isEmpty {
                Issue.record("seed \(seed): the error is not inside the file (\(lines) lines): \(error)")
            }
        }
    }
}
