import FoundationEssentials
import TouchlineCore

/// The Config view (key `C`): the environment's config snapshots, newest first, with age, trigger and which
/// listed files differ from now; the drift warning on top when the files changed and nothing recorded it.
enum ConfigSnapshotsView {
    /// Draws the view with row `selected` highlighted, centred on `screen`.
    static func draw(_ state: DashboardState, selected: Int, on screen: Rect, into buffer: inout CellBuffer) {
        let listing = state.configSnapshots
        let rows = listing?.rows ?? []
        let config = state.actions.configFiles(in: state.environment.name)
        let width = min(screen.width - 4, 110)
        let warning = listing?.drift.map { "\($0) since snapshot \(rows.first?.id ?? "?"), not recorded by touchline" } ?? listing?.error
        let extra = warning == nil ? 0 : 1
        let listHeight = max(1, min(rows.count, screen.height - 9 - extra))
        let content = Dialog.frame(title: "Config snapshots · \(state.environment.label)", width: width,
                                   height: listHeight + 5 + extra, on: screen, into: &buffer)
        guard !content.isEmpty else { return }
        var y = content.y
        if let warning {
            buffer.write("▲ " + warning, x: content.x, y: y, role: .warn, maxWidth: content.width)
            y += 1
        }
        buffer.write("AGE        TRIGGER                           DIFFERS FROM NOW", x: content.x, y: y, role: .label, maxWidth: content.width)
        if listing == nil {
            buffer.write("reading the snapshots…", x: content.x, y: y + 1, role: .dim, maxWidth: content.width)
        } else if rows.isEmpty {
            buffer.write("no snapshots yet: press s to take one", x: content.x, y: y + 1, role: .dim, maxWidth: content.width)
        }
        let highlighted = min(max(selected, 0), max(0, rows.count - 1))
        let first = max(0, highlighted - listHeight + 1)
        for (index, row) in rows.enumerated().dropFirst(first).prefix(listHeight) {
            let rowY = y + 1 + index - first
            let isSelected = index == highlighted
            if isSelected { buffer.fill(Rect(x: content.x - 1, y: rowY, width: content.width + 2, height: 1), role: .selection) }
            var x = content.x
            x += buffer.write(TextFit.pad(Format.age(state.now.timeIntervalSince(row.takenAt)), to: 11), x: x, y: rowY,
                              role: isSelected ? .selection : .text)
            x += buffer.write(TextFit.pad(TextFit.truncate(row.trigger, to: 32), to: 34), x: x, y: rowY,
                              role: isSelected ? .selection : (row.trigger == "manual" ? .text : .dim))
            let differing = row.differing
            let text = differing.isEmpty ? "none: the files are as in this snapshot"
                : differing.map { change in
                    change.summary(name: config.map { ConfigFileNames.name(change.path, in: $0) } ?? change.path)
                }.joined(separator: ", ")
            buffer.write(text, x: x, y: rowY, role: isSelected ? .selection : (differing.isEmpty ? .ok : .warn),
                         maxWidth: content.maxX - x)
        }
        let keys = "Enter diff · s snapshot · \(state.bindings.label(.restore)) restore · Esc close"
        let id = rows.indices.contains(highlighted) ? rows[highlighted].id + " · " : ""
        buffer.write(TextFit.truncate(CountText.format(rows.count, "snapshot") + " · \(id)\(keys)", to: content.width), x: content.x,
                     y: content.maxY - 1, role: .dim, maxWidth: content.width)
    }
}
