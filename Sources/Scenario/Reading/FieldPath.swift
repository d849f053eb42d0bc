/// Where a value sits in a model: `nginx.upstreams.app.keepalive`,
/// `upstreams.app.servers[2].weight`. Array indices count from 0.
///
/// Keys that are not plain names (letters, digits, `_`, `-`, `$`) are quoted
/// so the path stays unambiguous: `hosts["api.example.com"].port`.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    /// The document itself; prints as the empty string.
    public static let root = FieldPath()

    public var isRoot: Bool { components.isEmpty }

    public func appending(key: String) -> FieldPath { FieldPath(components + [.key(key)]) }
    public func appending(index: Int) -> FieldPath { FieldPath(components + [.index(index)]) }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key) where FieldPath.isPlainName(key):
                if !text.isEmpty { text += "." }
                text += key
            case .key(let key):
                text += "[" + JSON5Writer.quoted(key) + "]"
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    static func isPlainName(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "$"):
                true
            default: false
            }
        }
    }
}
