import Foundation
import ProxyModel
import Testing

@Suite struct HelpAndVersionTests {
    @Test func rootHelpListsTheSubcommandsAndExitsZero() throws {
        let run = try ToolRun.run(["--help"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("USAGE: keepalive-lab <subcommand>"))
        #expect(run.standardOutput.contains("bench"))
        #expect(run.standardOutput.contains("--version"))
        #expect(run.standardError.isEmpty)
    }

    @Test func benchKernelHelpListsEveryOptionWithItsDefault() throws {
        let run = try ToolRun.run(["bench", "kernel", "--help"])
        #expect(run.status == 0)
        let help = run.standardOutput
        #expect(help.contains("USAGE: keepalive-lab bench kernel [--pending P] [--events N] [--until DURATION] [--seed S] [--format text|json]"))
        for line in [
            "-p, --pending P", "(default: 10000)", "-n, --events N", "(default: 5000000)",
            "--until DURATION", "-s, --seed S", "(default: 1)", "-f, --format text|json", "(default: text)",
            "-h, --help",
        ] {
            #expect(help.contains(line), "help lacks \(line)")
        }
        #expect(run.standardError.isEmpty)
    }

    @Test(arguments: [["bench", "--help"], ["bench", "-h"], ["help", "bench"], ["bench", "kernel", "--events", "abc", "-h"]])
    func helpIsAvailableEverywhereAndWinsOverLaterMistakes(arguments: [String]) throws {
        let run = try ToolRun.run(arguments)
        #expect(run.status == 0)
        #expect(run.standardOutput.hasPrefix("OVERVIEW: "))
    }

    @Test func helpCommandPrintsTheSameTextAsTheHelpFlag() throws {
        let viaCommand = try ToolRun.run(["help", "bench", "kernel"])
        let viaFlag = try ToolRun.run(["bench", "kernel", "--help"])
        #expect(viaCommand.status == 0)
        #expect(viaCommand.standardOutput == viaFlag.standardOutput)
    }

    @Test func helpLinesFitInEightyColumnsExceptTheUsageLine() throws {
        for arguments in [["--help"], ["bench", "--help"], ["bench", "kernel", "--help"], ["bench", "model", "--help"], ["simulate", "--help"]] {
            let run = try ToolRun.run(arguments)
            for line in run.standardOutput.split(separator: "\n") where !line.hasPrefix("USAGE:") {
                #expect(line.count <= 80, "\(arguments): \(line)")
            }
        }
    }

    @Test func versionPrintsTheToolVersionOnStandardOutput() throws {
        let run = try ToolRun.run(["--version"])
        #expect(run.status == 0)
        #expect(run.standardOutput == "keepalive-lab \(ProxyModelInfo.toolVersion)\n")
        #expect(run.standardError.isEmpty)
    }
}
