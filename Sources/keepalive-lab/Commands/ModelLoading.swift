import Experiments
import Scenario

/// Loading a model file, with its problems on standard error: as an
/// editable `ModelFile` for `sweep` and `plan`, as a scenario to run for
/// `simulate` and `trace generate`.
enum ModelLoading {
    /// `failing` completes "cannot ... 'PATH'" in the summary of several problems ("simulate", "read").
    static func scenario(_ path: String, failing verb: String, console: inout Console) throws(CommandFailure) -> LoadedScenario {
        do {
            return try ScenarioLoader.load(path: path)
        } catch {
            // One problem is the error message itself; several are listed first, then summed up.
            guard error.items.count > 1 else { throw CommandFailure(error.description) }
            console.err.writeLine(error.description)
            throw CommandFailure("cannot \(verb) '\(path)': the model has \(error.items.count) problems (listed above)")
        }
    }

    static func load(_ path: String, console: inout Console) throws(CommandFailure) -> ModelFile {
        do {
            return try ModelFile(path: path)
        } catch {
            // One problem is the error message itself; several are listed first, then summed up.
            guard error.items.count > 1 else { throw CommandFailure(error.description) }
            console.err.writeLine(error.description)
            throw CommandFailure("cannot read '\(path)': the model has \(error.items.count) problems (listed above)")
        }
    }
}
