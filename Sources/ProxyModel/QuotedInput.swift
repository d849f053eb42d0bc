/// How error messages quote what the user wrote: in double quotes, cut to
/// `limit` characters with an ellipsis, so that a 10 MB key or a
/// 100,000-digit number gives a message of one line, not the input again.
/// Lives here, at the bottom of the module graph, because `TimeSpan`'s parse
/// errors quote their input too.
public enum QuotedInput {
    /// Characters of the input a message shows.
    public static let limit = 60

    /// `"text"`, or its first `limit` characters then `..."` and how long it was.
    public static func shortened(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return "\"\(text)\"" }
        return "\"\(String(String.UnicodeScalarView(scalars.prefix(limit))))...\" (\(scalars.count) characters)"
    }

    /// The text cut to `limit` characters with an ellipsis, unquoted (for text
    /// already inside quotes of the caller's own).
    public static func cut(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(limit))) + "..."
    }
}
