/// Writes a word so that a POSIX shell reads it back unchanged: provenance
/// records a command line a reader can paste to reproduce the result.
enum ShellQuoting {
    /// Characters a shell passes through untouched when unquoted.
    private static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")

    /// The word itself when it holds only plain characters, else in single
    /// quotes (a quote inside becomes `'\''`).
    static func quoted(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ plain.contains($0) }) { return word }
        var result = "'"
        for character in word {
            if character == "'" { result += "'\\''" } else { result.append(character) }
        }
        return result + "'"
    }
}
