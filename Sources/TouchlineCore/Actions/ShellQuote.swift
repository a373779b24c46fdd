/// The one quoting of argv for people: every command line touchline shows (confirmation dialogs, headless
/// previews, the Output pane) is written so that a POSIX shell would split it back into exactly the argv that
/// runs. touchline itself never runs a shell: the quoting is for reading and for copying into a terminal.
///
/// An argument made only of ASCII letters, digits and `-_=./:,@%+` is written as is; any other one (empty,
/// spaces, quotes, `$`, `*`, `{`, newlines, non-ASCII) is single-quoted, each `'` inside written as `'\''`.
public enum ShellQuote {
    /// The characters besides ASCII letters and digits that a POSIX shell never treats specially in a word.
    static let plainPunctuation: Set<Character> = ["-", "_", "=", ".", "/", ":", ",", "@", "%", "+"]

    /// `argument` quoted for a POSIX shell (``ShellQuote`` explains when it is quoted).
    public static func quote(_ argument: String) -> String {
        let plain = !argument.isEmpty && argument.allSatisfy { character in
            character.isASCII && (character.isLetter || character.isNumber || plainPunctuation.contains(character))
        }
        if plain { return argument }
        var quoted = "'"
        for character in argument {
            if character == "'" { quoted += "'\\''" } else { quoted.append(character) }
        }
        return quoted + "'"
    }

    /// `argv` as one line: each argument quoted, separated by one space.
    public static func line(_ argv: [String]) -> String {
        argv.map(quote).joined(separator: " ")
    }

    /// `commands` as one pipeline: each argv a ``line(_:)``, joined by ` | `.
    public static func pipeline(_ commands: [[String]]) -> String {
        commands.map(line).joined(separator: " | ")
    }
}
