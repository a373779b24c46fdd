/// The unified diff (`diff -u` format, 3 lines of context) of two texts, line by line over ``MyersDiff``, with a
/// line transform applied to what is printed (``SecretMasker`` masks values there) but never to what is compared.
public enum UnifiedDiff {
    /// Lines added and removed.
    public struct Counts: Sendable, Equatable {
        /// Lines only in the new text.
        public var added: Int
        /// Lines only in the old text.
        public var removed: Int

        /// Creates counts.
        public init(added: Int = 0, removed: Int = 0) {
            self.added = added
            self.removed = removed
        }

        /// `+2 −1`.
        public var text: String { "+\(added) −\(removed)" }
    }

    /// The marker git and diff print after a last line without a newline.
    public static let noNewlineMarker = "\\ No newline at end of file"

    /// The lines of `text`, split at `\n`; a last line without a newline keeps a flag so that adding one is a change.
    /// The split is by Unicode scalar, so a CRLF line keeps its `\r` (as in git's diff): CRLF and LF versions of a
    /// line differ, and a CRLF file is not taken for one long line (`"\r\n"` is one Swift `Character`).
    public static func lines(_ text: String) -> [(text: String, newline: Bool)] {
        guard !text.isEmpty else { return [] }
        var parts = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
        let endsWithNewline = parts.last == ""
        if endsWithNewline { parts.removeLast() }
        return parts.enumerated().map { index, line in (line, endsWithNewline || index < parts.count - 1) }
    }

    /// The counts of lines added and removed between `old` and `new`.
    public static func counts(old: String, new: String) -> Counts {
        let edits = MyersDiff.edits(old: keys(lines(old)), new: keys(lines(new)))
        var counts = Counts()
        for edit in edits {
            switch edit {
            case .keep: break
            case .delete: counts.removed += 1
            case .insert: counts.added += 1
            }
        }
        return counts
    }

    /// The hunks of the diff from `old` to `new` (headers not included), `context` unchanged lines around each
    /// change; `showOld` / `showNew` turn a line of each side (its 0-based index in ``lines(_:)`` and its text) into
    /// what is printed (prefix not included).
    public static func hunks(old: String, new: String, context: Int = 3,
                             showOld: (Int, String) -> String = { $1 }, showNew: (Int, String) -> String = { $1 }) -> [DiffLine] {
        let oldLines = lines(old), newLines = lines(new)
        let edits = MyersDiff.edits(old: keys(oldLines), new: keys(newLines))
        let changed = edits.indices.filter { if case .keep = edits[$0] { return false } else { return true } }
        guard !changed.isEmpty else { return [] }
        // Group changes whose context windows touch or overlap into one hunk.
        var groups: [(start: Int, end: Int)] = []
        for index in changed {
            let start = max(0, index - context), end = min(edits.count - 1, index + context)
            if let last = groups.last, start <= last.end + 1 {
                groups[groups.count - 1].end = max(last.end, end)
            } else {
                groups.append((start, end))
            }
        }
        var output: [DiffLine] = []
        for group in groups {
            let slice = edits[group.start...group.end]
            let (oldStart, newStart) = position(before: group.start, in: edits)
            var oldCount = 0, newCount = 0
            var body: [DiffLine] = []
            for edit in slice {
                switch edit {
                case .keep(let oldIndex, _):
                    oldCount += 1
                    newCount += 1
                    body.append(DiffLine(.context, " " + showOld(oldIndex, oldLines[oldIndex].text)))
                    if !oldLines[oldIndex].newline { body.append(DiffLine(.note, noNewlineMarker)) }
                case .delete(let oldIndex):
                    oldCount += 1
                    body.append(DiffLine(.removed, "-" + showOld(oldIndex, oldLines[oldIndex].text)))
                    if !oldLines[oldIndex].newline { body.append(DiffLine(.note, noNewlineMarker)) }
                case .insert(let newIndex):
                    newCount += 1
                    body.append(DiffLine(.added, "+" + showNew(newIndex, newLines[newIndex].text)))
                    if !newLines[newIndex].newline { body.append(DiffLine(.note, noNewlineMarker)) }
                }
            }
            let header = "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@"
            output.append(DiffLine(.hunkHeader, header))
            output += body
        }
        return output
    }

    /// `l,s` as diff prints a hunk's range: the 1-based first line (the line before it when empty), and the count
    /// unless it is 1.
    private static func range(_ start: Int, _ count: Int) -> String {
        if count == 0 { return "\(start),0" }
        return count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }

    /// How many old and new lines come before edit `index`.
    private static func position(before index: Int, in edits: [LineEdit]) -> (Int, Int) {
        var old = 0, new = 0
        for edit in edits[..<index] {
            switch edit {
            case .keep: old += 1; new += 1
            case .delete: old += 1
            case .insert: new += 1
            }
        }
        return (old, new)
    }

    /// What is compared: the text, and whether a newline ends it.
    private static func keys(_ lines: [(text: String, newline: Bool)]) -> [String] {
        lines.map { $0.newline ? $0.text : $0.text + "\u{0}" }
    }
}
