import TouchlineCore

/// Shortens text to a number of columns, with `…`, preferring to cut between words.
public enum TextFit {
    /// `text` cut to at most `columns` columns; when cut, it ends in `…` and, where a word boundary is
    /// close enough (in the second half) and does not leave a label ending in `:` without its value, the cut
    /// falls between words; a number is never left cut from its unit or cut short (`in 149…` for `in 149 ms`).
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        let total = DisplayWidth.of(text)
        if total <= columns { return text }
        if columns == 1 { return "…" }
        var kept = ""
        var used = 0
        var lastSpace: (index: String.Index, used: Int)?
        for character in text {
            let width = DisplayWidth.of(character)
            if used + width > columns - 1 { break }
            if character == " " { lastSpace = (kept.endIndex, used) }
            kept.append(character)
            used += width
        }
        // Cut at a word boundary when that keeps half the room, unless it would leave a label without its value
        // (`alert firing:…`, `api down:…`): then the value's first letters say more than the blank.
        while kept.last == " " { kept.removeLast() }
        let atCharacter = dropDanglingNumber(kept, of: text)
        if let lastSpace, lastSpace.used >= columns / 2 {
            var atWord = String(kept[..<lastSpace.index])
            // A separator left dangling before the `…` goes too (`backup…`, not `backup ·…`).
            while atWord.last == " " || atWord.last == "·" { atWord.removeLast() }
            let fitted = dropDanglingNumber(atWord, of: text)
            // Not when that leaves a bare label (`mem…` of `mem 384.0 MiB/1.0 GiB`): the letters cut inside a word
            // say more.
            let bareLabel = fitted != atWord && !fitted.contains(" ") && atCharacter.contains(" ")
            if !atWord.hasSuffix(":"), !bareLabel { return fitted + "…" }
        }
        return atCharacter + "…"
    }

    /// The units a number is written with (durations, bytes, shares, rates): `HTTP 503 Service` is no unit.
    private static let units: Set<String> = ["ns", "µs", "us", "ms", "s", "m", "h", "d", "B", "KiB", "MiB", "GiB", "TiB",
                                             "kB", "MB", "GB", "TB", "%", "ops", "tps", "days"]

    /// `kept` (a prefix of `text`) without a number at its end that the cut separated from its unit or cut short
    /// (`in 149` of `in 149 ms`, `1.5` of `1.5 s`, `12` of `12345`): `149…` may be seconds. A whole number
    /// followed by a separator (`active 3 · …`, `40/100 · …`) stays.
    private static func dropDanglingNumber(_ kept: String, of text: String) -> String {
        let start = kept.lastIndex(of: " ").map { kept.index(after: $0) } ?? kept.startIndex
        guard start > kept.startIndex else { return kept }
        let word = kept[start...]
        let numeric = !word.isEmpty && word.contains(where: \.isNumber)
            && word.allSatisfy { $0.isNumber || ".,≥≤<>~+-/".contains($0) }
        guard numeric else { return kept }
        let rest = text.dropFirst(kept.count)
        let cutShort = rest.first.map { $0.isNumber || $0 == "." } ?? false
        let next = rest.dropFirst().prefix { $0.isLetter || $0 == "%" || $0 == "µ" }
        let unitFollows = rest.first == " " && units.contains(String(next))
        guard cutShort || unitFollows else { return kept }
        var shorter = String(kept[..<start])
        while shorter.last == " " || shorter.last == "·" { shorter.removeLast() }
        return shorter.isEmpty ? kept : shorter
    }

    /// Spans cut to at most `columns` columns in total, the last one ending in `…` when cut.
    public static func truncate(_ spans: [Span], to columns: Int) -> [Span] {
        var result: [Span] = []
        var left = columns
        for span in spans {
            guard left > 0 else { break }
            let width = span.width
            if width <= left {
                result.append(span)
                left -= width
            } else {
                result.append(Span(truncate(span.text, to: left), span.role))
                left = 0
            }
        }
        if left == 0, let last = result.last, !last.text.hasSuffix("…"),
           spans.reduce(0, { $0 + $1.width }) > columns {
            result[result.count - 1] = Span(truncate(last.text + "  ", to: last.width), last.role)
        }
        return result
    }

    /// `text` padded with spaces (or cut) to exactly `columns` columns, aligned.
    public static func pad(_ text: String, to columns: Int, alignment: Alignment = .left) -> String {
        let fitted = truncate(text, to: columns)
        let gap = max(0, columns - DisplayWidth.of(fitted))
        switch alignment {
        case .left: return fitted + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + fitted
        case .center: return String(repeating: " ", count: gap / 2) + fitted + String(repeating: " ", count: gap - gap / 2)
        }
    }

    /// `text` with runs of whitespace (newlines, tabs) collapsed into single spaces, trimmed.
    public static func singleLine(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }
}
