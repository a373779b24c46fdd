import FoundationEssentials
import TouchlineCore

/// The Backups view: every backup of the environment, newest first, with age, size and verification.
enum BackupsView {
    /// Draws the view with row `selected` highlighted, centred on `screen`.
    static func draw(_ state: DashboardState, selected: Int, on screen: Rect, into buffer: inout CellBuffer) {
        let rows = state.backupRows
        // As wide as the longest file name needs (at least 100 columns), up to the screen less a margin.
        let fixed = 11 + 12 + 13 + 11
        let widest = rows.reduce(0) { max($0, DisplayWidth.of($1.file)) }
        let width = min(screen.width - 4, max(100, fixed + widest + 4))
        let listHeight = max(1, min(rows.count, screen.height - 8))
        let content = Dialog.frame(title: "Backups · \(state.environment.label)", width: width, height: listHeight + 5,
                                   on: screen, into: &buffer)
        guard !content.isEmpty else { return }
        let header = "AGE        SIZE        STATE        ORIGIN     FILE"
        buffer.write(header, x: content.x, y: content.y, role: .label, maxWidth: content.width)
        if rows.isEmpty {
            buffer.write("no backups yet: press b to take one", x: content.x, y: content.y + 1, role: .dim, maxWidth: content.width)
        }
        let highlighted = min(max(selected, 0), max(0, rows.count - 1))
        let first = max(0, highlighted - listHeight + 1)
        for (index, row) in rows.enumerated().dropFirst(first).prefix(listHeight) {
            let y = content.y + 1 + index - first
            let isSelected = index == highlighted
            if isSelected { buffer.fill(Rect(x: content.x - 1, y: y, width: content.width + 2, height: 1), role: .selection) }
            let age = Format.age(state.now.timeIntervalSince(row.created))
            let stateRole: StyleRole = row.state == "verified" ? .ok : .warn
            var x = content.x
            x += buffer.write(TextFit.pad(age, to: 11), x: x, y: y, role: isSelected ? .selection : .text)
            x += buffer.write(TextFit.pad(ByteText.format(row.size), to: 12), x: x, y: y, role: isSelected ? .selection : .text)
            x += buffer.write(TextFit.pad(row.state, to: 13), x: x, y: y, role: isSelected ? .selection : stateRole)
            let originRole: StyleRole = row.origin == .manual ? .text : .warn
            x += buffer.write(TextFit.pad(row.origin.shortText, to: 11), x: x, y: y, role: isSelected ? .selection : originRole)
            buffer.write(TextFit.truncate(row.file, to: max(0, content.maxX - x)), x: x, y: y, role: isSelected ? .selection : .dim,
                         maxWidth: content.maxX - x)
        }
        // R only when there is a backup to restore.
        var keys = rows.isEmpty ? "Esc close" : "\(state.bindings.label(.restore)) restore · Esc close"
        if rows.indices.contains(highlighted), rows[highlighted].origin != .manual {
            keys = rows[highlighted].origin.text(restoring: rows[highlighted].restoring) + " · " + keys
        }
        let footer = state.backupWarning.map { "▲ \($0) · \(keys)" } ?? CountText.format(rows.count, "backup") + " · \(keys)"
        buffer.write(TextFit.truncate(footer, to: content.width), x: content.x, y: content.maxY - 1,
                     role: state.backupWarning == nil ? .dim : .warn, maxWidth: content.width)
    }
}
