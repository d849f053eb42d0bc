import Experiments
import Foundation

/// `keepalive-lab demo [NAME]`: the catalogue of lessons, or one lesson run
/// before and after its fix, narrated.
struct DemoCommand: RunnableCommand {
    static let definition = CommandDefinition(
        name: "demo",
        abstract: "Lessons: each nginx keepalive pitfall shown before and after its fix, narrated.",
        discussion: """
            Without NAME, lists the lessons. With NAME, runs the lesson's two seeded \
            scenarios (the pitfall, then the fix), says what to look at, why it happens and \
            which nginx function decides it, draws the timeline of the interesting moment \
            and prints the numbers side by side with the lesson's claims checked. Exits 1 \
            when a claim does not hold.

            Lessons are files: models/demos/NAME.json5 (the format is in \
            models/demos/README.md). NAME may also be the path of a lesson file of your own.

            Examples:
              keepalive-lab demo
              keepalive-lab demo stale-connection-race
              keepalive-lab demo my-lessons/pool.json5
            """,
        options: [
            OptionDefinition(
                name: "lessons", valueName: "DIR", kind: .path,
                help: "Where the lessons are. (default: models/demos here, else in the checkout the tool was built in)"),
        ],
        arguments: [
            ArgumentDefinition(name: "name", valueName: "NAME", kind: .text, isRequired: false,
                               help: "The lesson to run (a name from the list, or a lesson file)."),
        ],
        command: DemoCommand.self
    )

    var name: String?
    var lessonsDirectory: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        name = arguments.stringIfPresent("name")
        lessonsDirectory = arguments.stringIfPresent("lessons")
    }

    func run(_ console: inout Console) throws(CommandFailure) {
        if let name, name.hasSuffix(".json5") {
            return try run(try Self.read(name), console: &console)
        }
        let directory = try LessonCatalogue.directory(given: lessonsDirectory)
        let catalogue = try LessonCatalogue(directory: directory)
        guard let name else {
            console.out.write(catalogue.listing)
            return
        }
        guard let path = catalogue.path(of: name) else {
            var message = "no lesson '\(name)' in \(directory)"
            if let nearest = catalogue.nearest(to: name) { message += "; did you mean '\(nearest)'?" }
            throw CommandFailure(message + " Lessons: " + catalogue.names.joined(separator: ", "))
        }
        try run(try Self.read(path), console: &console)
    }

    private func run(_ lesson: Lesson, console: inout Console) throws(CommandFailure) {
        let failed = try LessonRunner(lesson: lesson).run(console: &console)
        guard failed.isEmpty else {
            throw CommandFailure("lesson \(lesson.name): \(failed.count) claim\(failed.count == 1 ? "" : "s") did not hold: "
                + failed.joined(separator: "; "))
        }
    }

    static func read(_ path: String) throws(CommandFailure) -> Lesson {
        do { return try Lesson(path: path) } catch { throw CommandFailure(error.description) }
    }
}
