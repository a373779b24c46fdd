import TouchlineCore

/// A footer notice fitted to its room: a path in it (`snapshot written: /var/lib/…/snapshot_staging_….md`) loses
/// its leading folders first, so the file's name stays readable; then the text is cut as any other.
enum NoticeFit {
    /// `notice` on one line, at most `columns` wide.
    static func fit(_ notice: String, to columns: Int) -> String {
        var text = TextFit.singleLine(notice)
        guard DisplayWidth.of(text) > columns else { return text }
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if let index = words.lastIndex(where: { $0.hasPrefix("/") || $0.hasPrefix("…/") }) {
            var parts = words[index].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            // Drop the leading folders one at a time (keeping at least the file's name) until it fits.
            while DisplayWidth.of(words.joined(separator: " ")) > columns, parts.count > 2 {
                parts.removeFirst(2)
                parts.insert("…", at: 0)
                words[index] = parts.joined(separator: "/")
            }
            text = words.joined(separator: " ")
        }
        return TextFit.truncate(text, to: columns)
    }
}
