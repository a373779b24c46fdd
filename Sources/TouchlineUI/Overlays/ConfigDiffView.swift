import TouchlineCore

/// The diff of one config snapshot against the current files (Enter in the Config view): `diff -u` lines
/// coloured by kind (`+` ok, `-` critical, `@@` key, headers label, notes dim), secrets already masked,
/// scrolled by ↑/↓ PgUp/PgDn Home/End.
enum ConfigDiffView {
    /// Draws `diff` on nearly the whole `screen`.
    static func draw(_ diff: ConfigDiffText, state: DashboardState, on screen: Rect, into buffer: inout CellBuffer) {
        let width = min(screen.width - 2, 120)
        let height = max(6, screen.height - 2)
        let content = Dialog.frame(title: "Config diff · \(diff.snapshot) → now · \(state.environment.label)", width: width,
                                   height: height, on: screen, into: &buffer)
        guard !content.isEmpty else { return }
        let page = max(1, content.height - 1)
        let first = max(0, min(diff.scroll, max(0, diff.lines.count - page)))
        if diff.lines.isEmpty {
            buffer.write("no listed file differs from this snapshot", x: content.x, y: content.y, role: .ok, maxWidth: content.width)
        }
        for (offset, line) in diff.lines.dropFirst(first).prefix(page).enumerated() {
            buffer.write(line.text.replacing("\t", with: "  "), x: content.x, y: content.y + offset, role: role(line.kind),
                         maxWidth: content.width)
        }
        let counts = diff.lines.reduce(into: (added: 0, removed: 0)) { totals, line in
            if line.kind == .added { totals.added += 1 }
            if line.kind == .removed { totals.removed += 1 }
        }
        let position = diff.lines.isEmpty ? "" : "lines \(first + 1)-\(min(diff.lines.count, first + page)) of \(diff.lines.count) · "
        let footer = "+\(counts.added) −\(counts.removed) · \(position)↑↓ PgUp PgDn scroll · "
            + "\(state.bindings.label(.restore)) restore this snapshot · Esc back"
        buffer.write(TextFit.truncate(footer, to: content.width), x: content.x, y: content.maxY - 1, role: .dim, maxWidth: content.width)
    }

    /// The style of a diff line.
    static func role(_ kind: DiffLine.Kind) -> StyleRole {
        switch kind {
        case .added: return .ok
        case .removed: return .critical
        case .hunkHeader: return .key
        case .fileHeader: return .label
        case .context: return .text
        case .note: return .dim
        }
    }
}
