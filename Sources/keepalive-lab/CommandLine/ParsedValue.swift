import ProxyModel

/// A converted value, one case per `ValueKind`.
enum ParsedValue: Sendable, Equatable {
    case integer(Int)
    case unsignedInteger(UInt64)
    case duration(TimeSpan)
    case choice(String)
    case path(String)
    case text(String)
}
