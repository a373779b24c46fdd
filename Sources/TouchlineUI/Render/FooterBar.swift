import TouchlineCore

/// The bottom line: the keys most useful for the focused pane, the filter prompt while typing one,
/// and the notice when there is one.
enum FooterBar {
    /// Draws the footer into `rect` (one row).
    static func draw(_ state: DashboardState, in rect: Rect, into buffer: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, role: .footer)
        var x = rect.x + 1
        var width = rect.width - 2
        if let running = state.runningAction {
            // Half the row, or what the progress needs up to all but the hints' room (a byte count and
            // its time cut to `1.5…` said neither); `? help  c cancel action  q quit` stay.
            let line = TextFit.singleLine("⟳ \(running.action): \(running.progress)")
            let text = TextFit.truncate(line, to: max(0, max(width / 2, min(DisplayWidth.of(line), width - 34))))
            let used = DisplayWidth.of(text)
            buffer.write(text, x: rect.maxX - 1 - used, y: rect.y, role: .warn)
            width -= used + 2
        } else if let notice = state.notice, !notice.isEmpty {
            // Two thirds of the row, or as much as it needs up to all but the room of `? help  q quit`: what a
            // key just did outranks the hints.
            let room = max(width * 2 / 3, min(DisplayWidth.of(TextFit.singleLine(notice)), width - 16))
            let text = NoticeFit.fit(notice, to: max(0, room))
            let used = DisplayWidth.of(text)
            buffer.write(text, x: rect.maxX - 1 - used, y: rect.y, role: .notice)
            width -= used + 2
        }
        if state.editingFilter {
            x += buffer.write([Span("/", .key), Span(state.filter, .text), Span("█", .key)], x: x, y: rect.y,
                              maxWidth: width)
            width -= x - rect.x - 1
            x += 2
            width -= 2
        }
        PriorityRow.draw(hints(state), x: x, y: rect.y, width: max(0, width), gap: 2, gapRole: .footer, into: &buffer)
    }

    /// The key hints for the state, most useful first.
    static func hints(_ state: DashboardState) -> [PriorityRow.Item] {
        let keys = state.bindings
        var hints: [PriorityRow.Item] = []
        func hint(_ key: String, _ text: String, _ priority: Int) {
            guard !key.isEmpty else { return }
            hints.append(PriorityRow.Item([Span(key, .key), Span(" " + text, .footer)], priority: priority))
        }
        if state.editingFilter {
            hint(KeyPress.enter.label, "apply", 0)
            hint(KeyPress.escape.label, "clear", 0)
            hint(keys.label(.up) + " " + keys.label(.down), "select", 1)
            return hints
        }
        // A full view open: its own keys (the main screen's do nothing under it).
        if let alerts = AlertsFooter.hints(state) { return alerts }
        switch state.overlay {
        case .backups:
            hint(keys.label(.up) + " " + keys.label(.down), "select", 1)
            if !state.backupRows.isEmpty { hint(keys.label(.restore), "restore", 0) }
            hint(KeyPress.escape.label, "close", 0)
            return hints
        case .configSnapshots:
            hint(keys.label(.up) + " " + keys.label(.down), "select", 1)
            hint(KeyPress.enter.label, "diff", 0)
            hint("s", "snapshot", 2)
            hint(keys.label(.restore), "restore", 1)
            hint(KeyPress.escape.label, "close", 0)
            return hints
        case .configDiff:
            hint(keys.label(.up) + " " + keys.label(.down) + " PgUp PgDn", "scroll", 1)
            hint(keys.label(.restore), "restore", 1)
            hint(KeyPress.escape.label, "back", 0)
            return hints
        case .sessions:
            hint(keys.label(.up) + " " + keys.label(.down), "select", 1)
            hint("1-3", "mode", 2)
            hint(KeyPress.enter.label, "query", 2)
            hint(keys.label(.refresh), "re-read", 3)
            hint("w", "workers", 4)
            if !state.readOnly {
                hint("x", "cancel", 1)
                hint("X", "terminate", 1)
            }
            hint(KeyPress.escape.label, "close", 0)
            return hints
        case .redisDiagnostics:
            hint(keys.label(.up) + " " + keys.label(.down) + " PgUp PgDn", "scroll", 1)
            hint(keys.label(.focusNext), "next section", 2)
            hint(keys.label(.refresh), "refresh", 2)
            hint(KeyPress.escape.label, "close", 0)
            return hints
        // A dialog or picker open: how to answer it (the panes' keys do nothing under it).
        case .confirm(let request):
            if request.requiresTypedName {
                // No buttons to switch between: the typed name and Enter confirm.
                hint("type \(request.environment)", "then " + KeyPress.enter.label + " confirms", 0)
                hint(KeyPress.escape.label, "cancel", 0)
            } else {
                hint("y", "confirm", 0)
                hint("n " + KeyPress.escape.label, "cancel", 0)
                hint(KeyPress.tab.label, "switch button", 2)
            }
            return hints
        case .releasePicker:
            hint(keys.label(.up) + " " + keys.label(.down), "select", 1)
            hint(KeyPress.enter.label, "roll back to it", 0)
            hint(KeyPress.escape.label, "cancel", 0)
            return hints
        case .environmentPicker:
            hint(keys.label(.up) + " " + keys.label(.down), "select", 1)
            hint(KeyPress.enter.label, "switch", 0)
            hint("1-9", "jump", 2)
            hint(KeyPress.escape.label, "cancel", 0)
            return hints
        case .help:
            hint(keys.label(.help) + " " + KeyPress.escape.label, "close", 0)
            hint(keys.label(.quit), "quit", 1)
            return hints
        default:
            break
        }
        if let name = state.detailProbe, state.shownProbes.contains(where: { $0.config.name == name }) {
            // The detail view: its own keys and the actions on the service it shows (Tab, z and / do nothing here).
            hint(keys.label(.help), "help", 0)
            hint(KeyPress.escape.label, "back", 0)
            hint(keys.label(.up) + " " + keys.label(.down) + " PgUp PgDn", "scroll", 2)
            if state.runningAction != nil { hint(keys.label(.cancel), "cancel action", 1) }
            hint(keys.label(.refresh), "refresh", 5)
            hint(keys.label(.quit), "quit", 1)
            return hints + SelectionHints.items(state) + RedisDiagnosticsView.hints(state)
        }
        hint(keys.label(.help), "help", 0)
        if state.zoomed {
            hint(keys.label(.zoom), "unzoom", 1)
        }
        if state.focus == .services || state.focus == .events {
            hint(keys.label(.up) + " " + keys.label(.down), "select", 3)
        }
        if state.focus == .services {
            hint(keys.label(.filter), "filter", 4)
        }
        if state.focus == .output {
            hint(keys.label(.up) + " " + keys.label(.down) + " PgUp PgDn", "scroll", 3)
            hint(KeyPress.end.label, "follow", 5)
        }
        if state.runningAction != nil {
            hint(keys.label(.cancel), "cancel action", 1)
        }
        if let output = state.actionOutput {
            hint(keys.label(.output), output.visible ? "hide output" : "show output", 4)
        }
        if !state.filter.isEmpty && !state.zoomed {
            hint(KeyPress.escape.label, "clear filter", 2)
        }
        hint(keys.label(.focusNext), "next pane", 2)
        if !state.zoomed { hint(keys.label(.zoom), "zoom", 6) }
        hint(keys.label(.pause), state.paused ? "resume" : "pause", state.paused ? 1 : 5)
        if state.actionsLocked && !state.readOnly {
            hint(keys.label(.unlock), "unlock", 8)
        } else if !state.actionsLocked && state.actions.backup(in: state.environment.name) != nil {
            hint(keys.label(.backup), "backup", 9)
        }
        hint(keys.label(.environments), "environment", 7)
        hint(keys.label(.refresh), "refresh", 8)
        hint(keys.label(.theme), "theme", 9)
        hint(keys.label(.focusPrevious), "previous pane", 10)
        hint(keys.label(.quit), "quit", 1)
        return hints + SelectionHints.items(state) + RedisDiagnosticsView.hints(state)
    }
}
