import Testing

/// Every mistake on the command line exits 64 with a message on standard error
/// naming the problem, a usage line and where the full help is; nothing on standard output.
@Suite struct UsageErrorTests {
    static let kernelUsage =
        "Usage: keepalive-lab bench kernel [--pending P] [--events N] [--until DURATION] [--seed S] [--format text|json]\n"
        + "See 'keepalive-lab bench kernel --help'.\n"

    /// Runs a command line expected to be a usage error; returns its standard error.
    func usageError(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let run = try ToolRun.run(arguments, sourceLocation: sourceLocation)
        #expect(run.status == 64, "\(arguments)", sourceLocation: sourceLocation)
        #expect(run.standardOutput.isEmpty, sourceLocation: sourceLocation)
        #expect(run.standardError.hasPrefix("keepalive-lab: error: "), sourceLocation: sourceLocation)
        return run.standardError
    }

    @Test func unknownOptionIsNamedWithTheNearestValidOption() throws {
        let message = try usageError(["bench", "kernel", "--evnets", "5"])
        #expect(message.contains("unknown option '--evnets'; did you mean '--events'?"))
        #expect(message.hasSuffix(Self.kernelUsage))
    }

    @Test func singleDashLongOptionSuggestsTheDoubleDashSpelling() throws {
        let message = try usageError(["bench", "kernel", "-pending", "5"])
        #expect(message.contains("unknown option '-pending'; did you mean '--pending'?"))
    }

    @Test func unknownOptionFarFromAnyListsTheAcceptedOptions() throws {
        let message = try usageError(["bench", "kernel", "--foo"])
        #expect(message.contains("unknown option '--foo'"))
        #expect(message.contains("--pending, --events, --until, --seed, --format, --help"))
    }

    @Test func versionIsOnlyAnOptionOfTheRoot() throws {
        let message = try usageError(["bench", "--version"])
        #expect(message.contains("unknown option '--version'"))
    }

    @Test(arguments: [["bench", "kernel", "--events"], ["bench", "kernel", "--events", "--pending", "5"]])
    func missingValueNamesTheOption(arguments: [String]) throws {
        let message = try usageError(arguments)
        #expect(message.contains("missing value for --events N"))
        #expect(message.hasSuffix(Self.kernelUsage))
    }

    @Test func missingSubcommandListsTheSubcommands() throws {
        let root = try usageError([])
        #expect(root.contains("missing subcommand; 'keepalive-lab' has the subcommands: simulate, sweep, plan, demo, replay, compare, serve, nginx, trace, calibrate, bench"))
        #expect(root.contains("Usage: keepalive-lab <subcommand>"))
        let bench = try usageError(["bench"])
        #expect(bench.contains("missing subcommand; 'bench' has the subcommands: kernel, model, live"))
        #expect(bench.contains("See 'keepalive-lab bench --help'."))
    }

    @Test func unknownSubcommandSuggestsAndListsTheValidOnes() throws {
        let message = try usageError(["bnech"])
        #expect(message.contains("unknown subcommand 'bnech'; did you mean 'bench'?"))
        #expect(message.contains("has the subcommands: simulate, sweep, plan, demo, replay, compare, serve, nginx, trace, calibrate, bench"))
        let nested = try usageError(["bench", "kernal"])
        #expect(nested.contains("unknown subcommand 'kernal'; did you mean 'kernel'?"))
        let viaHelp = try usageError(["help", "bench", "nope"])
        #expect(viaHelp.contains("unknown subcommand 'nope'"))
    }

    @Test func badIntegerNamesTheOptionAndTheAcceptedRange() throws {
        let letters = try usageError(["bench", "kernel", "--events", "abc"])
        #expect(letters.contains("invalid value for --events: 'abc' is not an integer; expected an integer >= 1"))
        let zero = try usageError(["bench", "kernel", "--pending=0"])
        #expect(zero.contains("invalid value for --pending: 0 is out of range; expected an integer from 1 to 10000000"))
        let huge = try usageError(["bench", "kernel", "--pending", "10000001"])
        #expect(huge.contains("invalid value for --pending: 10000001 is out of range; expected an integer from 1 to 10000000"))
        let negative = try usageError(["bench", "kernel", "-n", "-5"])
        #expect(negative.contains("invalid value for --events: -5 is out of range"))
    }

    /// Each bad duration is refused with TimeSpan.ParseError's own explanation and the accepted forms.
    @Test(arguments: [
        ("5parsecs", "unknown unit \"parsecs\""),
        ("-1s", "it is negative"),
        ("", "it is empty"),
        ("300000000h", "it is too large"),
    ])
    func badDurationQuotesTheProblemAndTheAcceptedForms(value: String, problem: String) throws {
        for arguments in [["bench", "kernel", "--until", value], ["bench", "kernel", "--until=\(value)"]] {
            let message = try usageError(arguments)
            #expect(message.contains("invalid value for --until: invalid duration \"\(value)\": \(problem)"), "\(message)")
            #expect(message.contains("e.g. 250ms, 1.5s, 75s, 1h30m"))
        }
    }

    @Test(arguments: ["abc", "-1", "0x", "0xZZ", "18446744073709551616"])
    func badSeedSaysDecimalOrHexadecimal(value: String) throws {
        let message = try usageError(["bench", "kernel", "--seed", value])
        #expect(message.contains("invalid value for --seed: '\(value)' is not an unsigned 64-bit integer"))
        #expect(message.contains("0x-prefixed hexadecimal"))
    }

    @Test func badChoiceListsTheChoicesAndSuggestsTheNearest() throws {
        let message = try usageError(["bench", "kernel", "--format", "jsn"])
        #expect(message.contains("invalid value for --format: 'jsn' is not one of text, json; did you mean 'json'?"))
    }

    @Test func aSingleValueOptionGivenTwiceIsRefused() throws {
        let message = try usageError(["bench", "kernel", "--seed", "1", "--seed", "2"])
        #expect(message.contains("--seed was given 2 times; it takes one value"))
    }

    @Test func doubleDashEndsOptionsSoLaterWordsArePositional() throws {
        let message = try usageError(["bench", "kernel", "--", "--events", "5"])
        #expect(message.contains("unexpected argument '--events'"))
    }

    @Test func aFlagRefusesAnInlineValue() throws {
        let message = try usageError(["bench", "kernel", "--help=yes"])
        #expect(message.contains("--help takes no value"))
    }
}
