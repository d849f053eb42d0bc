import Foundation
import Scenario

/// A value as Foundation's JSON5 reader (`JSONDecoder.allowsJSON5`) sees it:
/// the independent reference for the cross-check test. Its objects are
/// unordered; its numbers are integers when they decode as `Int64`.
indirect enum FoundationJSON5: Decodable, Equatable, CustomStringConvertible {
    case null, bool(Bool), integer(Int64), double(Double), string(String)
    case array([FoundationJSON5])
    case object([String: FoundationJSON5])

    /// Parses with Foundation; nil when Foundation refuses the text.
    static func parse(_ text: String) -> FoundationJSON5? {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        return try? decoder.decode(FoundationJSON5.self, from: Data(text.utf8))
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: Key.self) {
            var members: [String: FoundationJSON5] = [:]
            for key in container.allKeys { members[key.stringValue] = try container.decode(FoundationJSON5.self, forKey: key) }
            self = .object(members)
        } else if var container = try? decoder.unkeyedContainer() {
            var elements: [FoundationJSON5] = []
            while !container.isAtEnd { elements.append(try container.decode(FoundationJSON5.self)) }
            self = .array(elements)
        } else {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let bool = try? container.decode(Bool.self) {
                self = .bool(bool)
            } else if let integer = try? container.decode(Int64.self) {
                self = .integer(integer)
            } else if let double = try? container.decode(Double.self) {
                self = .double(double)
            } else {
                self = .string(try container.decode(String.self))
            }
        }
    }

    static func == (lhs: FoundationJSON5, rhs: FoundationJSON5) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.integer(a), .integer(b)): a == b
        case let (.double(a), .double(b)): a == b || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a == b
        default: false
        }
    }

    /// Our tree in Foundation's terms: integers where the value is an exact Int64, objects unordered.
    init(_ value: JSON5Value) {
        switch value.kind {
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .number(let number): self = number.int64.map { .integer($0) } ?? .double(number.double)
        case .string(let string): self = .string(string)
        case .array(let elements): self = .array(elements.map(FoundationJSON5.init))
        case .object(let members):
            var dictionary: [String: FoundationJSON5] = [:]
            for member in members { dictionary[member.key] = FoundationJSON5(member.value) }
            self = .object(dictionary)
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let bool): "\(bool)"
        case .integer(let integer): "\(integer)"
        case .double(let double): "\(double)d"
        case .string(let string): string.debugDescription
        case .array(let elements): "\(elements)"
        case .object(let members): "{" + members.sorted { $0.key < $1.key }.map { "\($0.key.debugDescription): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}
