/// Why a `CounterSet` could not be built.
public enum CounterSetError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The same name was given twice: the report would show two rows with one name.
    case duplicateName(String)
    /// A key type whose raw values are not 0, 1, 2... in `allCases` order, so
    /// raw values cannot serve as slots. `position` is the first case out of step.
    case keysNotNumberedFromZero(keyType: String, position: Int, rawValue: Int)

    public var description: String {
        switch self {
        case let .duplicateName(name):
            return "counter name \"\(name)\" is given twice; every counter needs its own name"
        case let .keysNotNumberedFromZero(keyType, position, rawValue):
            return "\(keyType) cannot key a CounterSet: case #\(position) in allCases has raw value "
                + "\(rawValue), but raw values must be 0, 1, 2... in declaration order"
        }
    }
}
