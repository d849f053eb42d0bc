import Scenario

/// One value a varied field takes: as written into the model, and as CSV
/// columns, tables and chart axes show it.
public struct SweepValue: Equatable, Sendable, CustomStringConvertible {
    /// What goes into the model's value tree.
    public var json: JSON5Value
    /// How it is shown: strings without quotes (`4s`, `node-20`), numbers in
    /// canonical form (`0.25`), objects and arrays as compact JSON5.
    public var text: String

    public init(_ json: JSON5Value) {
        self.json = json
        switch json.kind {
        case .string(let string): text = string
        case .number(let number): text = number.canonicalLiteral
        default: text = json.description
        }
    }

    public var description: String { text }
}
