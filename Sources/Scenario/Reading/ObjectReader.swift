/// Reads the fields of one object of a model and makes sure none is ignored.
///
/// The keys an object accepts are the ones its reading code asks for (`field`,
/// `required`, the typed readers in `ObjectReader+Fields`, or `allow`), so the
/// list of valid keys cannot drift from the code that uses them. After the
/// reading closure returns, every other key is reported where it is written:
/// `nginx.upstreams.app.keepalve: unknown key; did you mean 'keepalive'?`,
/// or, when nothing is close, with the list of valid keys.
///
/// A class because the keys asked for accumulate while the closure runs.
/// Readers come from `ModelDocument.read` and `ValueReader.object`.
public final class ObjectReader {
    public let path: FieldPath
    let members: [JSON5Member]
    let context: ReadContext
    /// Where problems about the object itself point: its `{`, or for an absent
    /// object the nearest enclosing one.
    let anchor: SourceLocation?
    /// False for a stand-in for a value whose problem was already reported:
    /// its missing fields would only repeat that problem.
    let reportsMissing: Bool
    /// Keys asked for, in the order first asked: the valid keys of this object.
    public private(set) var knownKeys: [String] = []
    private var knownKeySet: Set<String> = []

    init(members: [JSON5Member], path: FieldPath, context: ReadContext, anchor: SourceLocation?, reportsMissing: Bool) {
        self.members = members
        self.path = path
        self.context = context
        self.anchor = anchor
        self.reportsMissing = reportsMissing
    }

    /// Where the object starts (or, when it is absent, the object around it).
    public var location: SourceLocation? { anchor }

    /// The keys written in the file, in file order.
    public var keys: [String] { members.map(\.key) }

    /// True when the key is written. Does not make the key valid: read it too.
    public func contains(_ key: String) -> Bool { members.contains { $0.key == key } }

    /// The field's value, or nil when it is not written. Makes `key` valid.
    public func field(_ key: String) -> ValueReader? {
        declare(key)
        guard let member = members.first(where: { $0.key == key }) else { return nil }
        return ValueReader(value: member.value, path: path.appending(key: key), context: context, anchor: anchor)
    }

    /// The field's value; when it is not written, reports "is required but
    /// missing" and returns a reader whose conversions give stand-ins.
    public func required(_ key: String) -> ValueReader {
        if let reader = field(key) { return reader }
        let fieldPath = path.appending(key: key)
        if reportsMissing { context.report("is required but missing", at: anchor, path: fieldPath) }
        return ValueReader(value: nil, path: fieldPath, context: context, anchor: anchor)
    }

    /// Makes keys valid without reading them, for keys handled elsewhere
    /// (e.g. a `comment` field users may write for themselves).
    public func allow(_ keys: String...) {
        for key in keys { declare(key) }
    }

    /// Reports a problem with the object as a whole (e.g. two fields that contradict each other).
    public func report(_ message: String) {
        context.report(message, at: anchor, path: path)
    }

    /// The reader of an absent member object: empty, so its defaults apply.
    func absentObject(_ key: String) -> ObjectReader {
        ObjectReader(members: [], path: path.appending(key: key), context: context, anchor: anchor, reportsMissing: reportsMissing)
    }

    private func declare(_ key: String) {
        if knownKeySet.insert(key).inserted { knownKeys.append(key) }
    }

    /// Called once the reading closure is done: every key it did not ask for is a mistake.
    func reportUnknownKeys() {
        for member in members where !knownKeySet.contains(member.key) {
            let message: String
            if let suggestion = SpellingSuggestion.nearest(to: member.key, among: knownKeys) {
                message = "unknown key; did you mean '\(suggestion)'?"
            } else if knownKeys.isEmpty {
                message = "unknown key; this object takes no keys"
            } else {
                message = "unknown key; valid keys are: " + NameList.few(knownKeys)
            }
            context.report(message, at: member.keyLocation, path: path.appending(key: member.key))
        }
    }
}
