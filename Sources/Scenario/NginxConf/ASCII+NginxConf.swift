/// The bytes nginx.conf's grammar adds to JSON5's.
extension ASCII {
    static let semicolon = UInt8(ascii: ";")
    static let hash = UInt8(ascii: "#")
    static let closeParenthesis = UInt8(ascii: ")")
}
