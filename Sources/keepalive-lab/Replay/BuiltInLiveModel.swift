import Foundation
import Scenario

/// A model a command builds itself (`bench live`, `calibrate`) for the live
/// rig: written to a temporary file, because real nginx's export reads the
/// model's file, loaded and planned. Invalid text is a programming error.
struct BuiltInLiveModel {
    let path: String
    let model: ScenarioModel
    let plan: LiveRigPlan

    /// Writes `text` to a temporary file named after `name` and loads it; `remove()` deletes the file.
    init(_ text: String, name: String) throws(CommandFailure) {
        path = NSTemporaryDirectory() + "keepalive-lab-\(name)-\(getpid()).json5"
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CommandFailure("cannot write the \(name) model to \(path): \(error.localizedDescription)")
        }
        do { model = try ScenarioLoader.load(path: path).model } catch {
            preconditionFailure("programming error: the built-in \(name) model is invalid: \(error)")
        }
        do { plan = try LiveRigPlan(model) } catch {
            preconditionFailure("programming error: the built-in \(name) model cannot be replayed: \(error)")
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
