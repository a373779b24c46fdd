extension StringProtocol {
    /// The text without spaces, tabs, carriage returns, newlines, vertical tabs and form feeds at either
    /// end (what `trimmingCharacters(in: .whitespacesAndNewlines)` removes from ASCII text, plus the
    /// Unicode spaces `Character.isWhitespace` knows).
    public func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
              let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }

    /// The text without any of `characters` at either end.
    public func trimming(charactersIn characters: String) -> String {
        guard let start = firstIndex(where: { !characters.contains($0) }),
              let end = lastIndex(where: { !characters.contains($0) }) else { return "" }
        return String(self[start...end])
    }
}
