import TouchlineCore

/// Breaks text into lines of a number of display columns without losing a character: between words
/// where it can, inside a word (a path, a command's long argument) where the word alone is too wide.
public enum TextWrap {
    /// `text` (whitespace runs collapsed) as lines of at most `columns` display cells; never empty
    /// (an empty text is one empty line). Every character of the text is on some line.
    public static func lines(_ text: String, width columns: Int) -> [String] {
        let columns = max(1, columns)
        var lines: [String] = []
        var line = ""
        var used = 0
        for word in TextFit.singleLine(text).split(separator: " ") {
            let wordWidth = DisplayWidth.of(word)
            if !line.isEmpty, used + 1 + wordWidth <= columns {
                line += " " + word
                used += 1 + wordWidth
                continue
            }
            if !line.isEmpty, wordWidth <= columns {
                lines.append(line)
                line = String(word)
                used = wordWidth
                continue
            }
            // The word does not fit a line of its own: cut it, continuing the current line first.
            if !line.isEmpty {
                if used + 1 < columns {
                    line += " "
                    used += 1
                } else {
                    lines.append(line)
                    line = ""
                    used = 0
                }
            }
            for character in word {
                let width = DisplayWidth.of(character)
                if used + width > columns, !line.isEmpty {
                    lines.append(line)
                    line = ""
                    used = 0
                }
                line.append(character)
                used += width
            }
        }
        lines.append(line)
        return lines
    }
}
