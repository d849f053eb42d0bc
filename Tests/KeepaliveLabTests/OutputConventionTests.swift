import Foundation
import Testing

@Suite struct OutputConventionTests {
    /// `keepalive-lab --help | true`: the reader is gone before anything is written.
    /// The tool must neither die of SIGPIPE nor complain.
    @Test func writingIntoAClosedPipeExitsQuietly() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let errorPipe = Pipe()
        let process = Process()
        process.executableURL = ToolRun.executableURL
        process.arguments = ["bench", "kernel", "--help"]
        process.standardOutput = pipe
        process.standardError = errorPipe
        try process.run()
        let diagnostics = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(diagnostics.isEmpty, "\(String(decoding: diagnostics, as: UTF8.self))")
    }
}
