import ProxyModel

/// Lists of valid names in messages: a few, then how many more, so that a
/// model with 20,000 backends does not repeat all of them in every message.
enum NameList {
    /// Names a message lists before counting the rest.
    static let shown = 10

    /// `a, b, c` or `a, b, ..., j and 19,990 more`; long names are cut short.
    static func few(_ names: [String]) -> String {
        let listed = names.prefix(shown).map(QuotedInput.cut).joined(separator: ", ")
        return names.count > shown ? listed + " and \(names.count - shown) more" : listed
    }
}
