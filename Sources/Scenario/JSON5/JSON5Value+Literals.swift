/// Literal syntax for building value trees in code (tests, `--print-model`):
/// `let v: JSON5Value = ["keepalive": 32, "servers": ["a:80", "b:80"]]`.
/// Dictionary literals keep their order. Such values have `SourceLocation.unknown`.
extension JSON5Value: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self.init(.null) }
    public init(booleanLiteral value: Bool) { self.init(.bool(value)) }
    public init(integerLiteral value: Int64) { self.init(.number(JSON5Number(value))) }
    public init(floatLiteral value: Double) { self.init(.number(JSON5Number(value))) }
    public init(stringLiteral value: String) { self.init(.string(value)) }
    public init(arrayLiteral elements: JSON5Value...) { self.init(.array(elements)) }
    public init(dictionaryLiteral elements: (String, JSON5Value)...) {
        self.init(.object(elements.map { JSON5Member(key: $0.0, value: $0.1) }))
    }
}
