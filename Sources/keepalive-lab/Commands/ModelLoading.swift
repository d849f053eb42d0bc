import Experiments
import Scenario

/// Loading a command's model file, with its problems on standard error.
enum ModelLoading {
    /// The model of `sweep` and `plan` (with the definition they vary).
    static func load(_ path: String, console: inout Console) throws(CommandFailure) -> ModelFile {
        do {
            return try ModelFile(path: path)
        } catch {
            throw report(error, path: path, console: &console)
        }
    }

    /// The model of `simulate`, `replay` and `compare`.
    static func loadScenario(_ path: String, console: inout Console) throws(CommandFailure) -> LoadedScenario {
        do {
            return try ScenarioLoader.load(path: path)
        } catch {
            throw report(error, path: path, console: &console)
        }
    }

    /// One problem is the error message itself; several are listed first, then summed up.
    private static func report(_ error: Diagnostics, path: String, console: inout Console) -> CommandFailure {
        guard error.items.count > 1 else { return CommandFailure(error.description) }
        console.err.writeLine(error.description)
        return CommandFailure("cannot read '\(path)': the model has \(error.items.count) problems (listed above)")
    }
}
