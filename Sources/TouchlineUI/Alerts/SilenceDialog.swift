import TouchlineCore

/// The silence dialog: the alert, the editable matchers, the duration (←/→ through 30m, 1h, 2h, 4h, typed),
/// the comment, the typed environment name when protected, who it is created by, and the dialog's state
/// (why it was refused, or that it is being posted).
enum SilenceDialog {
    /// Draws `draft` centred on `screen`.
    static func draw(_ draft: SilenceDraft, state: DashboardState, on screen: Rect, into buffer: inout CellBuffer) {
        let width = min(screen.width - 4, 96)
        let role: StyleRole = draft.requiresTypedName ? .dialogDanger : .dialog
        let columns = max(10, width - 4 - 12)
        let matcherLines = TextWrap.lines(draft.matchers + (draft.focus == .matchers ? "█" : ""), width: columns)
        let errorLines = draft.error.map { TextWrap.lines("✖ " + $0, width: width - 4) } ?? []
        let height = min(screen.height - 2, 12 + matcherLines.count + errorLines.count + (draft.requiresTypedName ? 1 : 0))
        let content = Dialog.frame(title: "Silence \(draft.alertName)", width: width, height: height, on: screen, role: role, into: &buffer)
        guard content.height >= 6 else { return }
        var y = content.y
        var x = content.x
        x += buffer.write("silence on ", x: x, y: y, role: role, maxWidth: content.width)
        buffer.write(" \(state.environment.label) ", x: x, y: y, role: state.environment.protected ? .envProduction : .envStaging,
                     maxWidth: content.maxX - x)
        y += 2
        func label(_ text: String, _ field: SilenceDraft.Field) {
            buffer.write(TextFit.pad(text, to: 12), x: content.x, y: y, role: draft.focus == field ? .key : .label, maxWidth: 12)
        }
        label("matchers", .matchers)
        for line in matcherLines {
            buffer.write(line, x: content.x + 12, y: y, role: draft.focus == .matchers ? .selection : .text, maxWidth: columns)
            y += 1
        }
        label("duration", .duration)
        var dx = content.x + 12
        for (index, preset) in SilenceSpec.presets.enumerated() {
            let chosen = draft.preset == index
            dx += buffer.write(chosen ? "[\(SilenceSpec.text(preset))]" : " \(SilenceSpec.text(preset)) ", x: dx, y: y,
                               role: chosen ? (draft.focus == .duration ? .selection : .key) : .text) + 1
        }
        let typed = draft.preset == nil ? "[\(draft.typedDuration)\(draft.focus == .duration ? "█" : "")]" : " typed "
        buffer.write(typed, x: dx, y: y, role: draft.preset == nil ? (draft.focus == .duration ? .selection : .key) : .dim,
                     maxWidth: content.maxX - dx)
        y += 1
        label("comment", .comment)
        let comment = draft.comment.isEmpty && draft.focus != .comment ? "(required: say why)" : draft.comment + (draft.focus == .comment ? "█" : "")
        buffer.write(TextFit.truncate(comment, to: columns), x: content.x + 12, y: y,
                     role: draft.focus == .comment ? .selection : (draft.comment.isEmpty ? .dim : .text), maxWidth: columns)
        y += 1
        buffer.write(TextFit.pad("created by", to: 12), x: content.x, y: y, role: .label, maxWidth: 12)
        buffer.write(state.alerting.createdBy, x: content.x + 12, y: y, role: .dim, maxWidth: columns)
        y += 1
        if draft.requiresTypedName {
            label("type name", .name)
            buffer.write(draft.typedName + (draft.focus == .name ? "█" : ""), x: content.x + 12, y: y,
                         role: draft.focus == .name ? .selection : .text, maxWidth: columns)
            buffer.write("(\(draft.environment) is protected)", x: content.x + 14 + DisplayWidth.of(draft.typedName), y: y, role: .dim,
                         maxWidth: max(0, content.maxX - content.x - 14 - DisplayWidth.of(draft.typedName)))
            y += 1
        }
        y += 1
        for line in errorLines where y < content.maxY - 1 {
            buffer.write(line, x: content.x, y: y, role: .critical, maxWidth: content.width)
            y += 1
        }
        let bottom = content.maxY - 1
        if draft.submitting {
            buffer.write("posting to Alertmanager, then waiting for it to list the silence active…", x: content.x, y: bottom,
                         role: .warn, maxWidth: content.width)
        } else {
            buffer.write("Tab/↑/↓ field · ←/→ duration · Enter silences · Esc cancels", x: content.x, y: bottom, role: .dim,
                         maxWidth: content.width)
        }
    }
}
