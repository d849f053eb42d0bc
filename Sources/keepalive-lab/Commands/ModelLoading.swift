import Experiments
import Scenario

/// Loading the model file of `sweep` and `plan`, with its problems on standard error.
enum ModelLoading {
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
