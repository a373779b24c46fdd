import FoundationEssentials
import TouchlineCore

/// The Alerts view (key `!`): a box over the panes listing the shown environment's alerts — severity,
/// name, summary, the labels that differ between them, since when, silenced/inhibited — or (`v`) its
/// silences; Enter opens an alert's details. The first line counts by severity, or says why the source
/// cannot be read (the list then stays as last read).
enum AlertsOverlay {
    /// Draws the view in `view`'s mode over `screen`.
    static func draw(_ state: DashboardState, view: AlertsView, on screen: Rect, into buffer: inout CellBuffer) {
        let alerting = state.alerting
        let source = state.environment.alerts?.sourceText ?? "no source"
        let title = view.mode == .alerts ? "Alerts · \(state.environment.label)" : "Silences · \(state.environment.label)"
        let content = Dialog.frame(title: title, width: screen.width, height: screen.height, on: screen, into: &buffer)
        guard content.height >= 4 else { return }
        drawStatus(state, source: source, in: content.row(0), into: &buffer)
        let list = Rect(x: content.x, y: content.y + 2, width: content.width, height: content.height - 3)
        if view.mode == .alerts {
            if view.detail, alerting.alerts.indices.contains(view.selected) {
                AlertDetail.draw(alerting.alerts[view.selected], now: state.now, scroll: view.detailScroll, in: list, into: &buffer)
            } else {
                drawAlerts(state, selected: view.selected, in: list, into: &buffer)
            }
        } else {
            drawSilences(state, selected: view.selected, in: list, into: &buffer)
        }
        let keys: String
        let maySilence = !state.readOnly && state.environment.alerts?.silencesPossible == true
        switch (view.mode, view.detail) {
        case (.alerts, true): keys = "↑/↓ scroll · Enter or Esc back to the list"
        case (.alerts, false):
            keys = (maySilence ? "x silence · " : "") + "Enter details · v silences · r poll now · Esc close"
        case (.silences, _):
            keys = (maySilence ? "X expire · " : "") + "v alerts · r poll now · Esc close"
        }
        buffer.write(TextFit.truncate(keys, to: content.width), x: content.x, y: content.maxY - 1, role: .dim, maxWidth: content.width)
    }

    /// `2 critical · 1 warning firing · 1 silenced · read 3s ago from alertmanager http://…`, or the reason.
    private static func drawStatus(_ state: DashboardState, source: String, in rect: Rect, into buffer: inout CellBuffer) {
        let alerting = state.alerting
        var x = rect.x
        if let error = alerting.error {
            let age = alerting.answeredAt.map { " · last answer \(Format.age(state.now.timeIntervalSince($0))) ago" } ?? ""
            buffer.write(TextFit.truncate("▲ cannot read alerts: \(error)\(age)", to: rect.width), x: x, y: rect.y, role: .critical,
                         maxWidth: rect.width)
            return
        }
        guard alerting.polled else {
            buffer.write(TextFit.truncate("reading alerts from \(source)…", to: rect.width), x: x, y: rect.y, role: .dim, maxWidth: rect.width)
            return
        }
        let counts = alerting.counts
        if counts.isEmpty {
            x += buffer.write("✔ no alerts firing", x: x, y: rect.y, role: .ok, maxWidth: rect.maxX - x)
        }
        for (index, severity) in AlertSeverity.allCases.filter({ counts[$0] != nil }).enumerated() {
            if index > 0 { x += buffer.write(", ", x: x, y: rect.y, role: .dim, maxWidth: rect.maxX - x) }
            x += buffer.write("\(counts[severity] ?? 0) \(severity.rawValue)", x: x, y: rect.y, role: AlertStyle.role(severity),
                              maxWidth: rect.maxX - x)
        }
        let muted = alerting.alerts.filter { $0.firing && $0.suppressed }.count
        let pending = alerting.alerts.filter { !$0.firing }.count
        var rest: [String] = []
        if muted > 0 { rest.append("\(muted) silenced/inhibited") }
        if pending > 0 { rest.append("\(pending) pending") }
        rest.append("\(alerting.activeSilences.count) active \(CountText.noun(alerting.activeSilences.count, "silence"))")
        let age = alerting.answeredAt.map { "read \(Format.age(state.now.timeIntervalSince($0))) ago from \(source)" } ?? source
        buffer.write(TextFit.truncate((counts.isEmpty ? " · " : " firing · ") + rest.joined(separator: " · ") + " · " + age, to: max(0, rect.maxX - x)),
                     x: x, y: rect.y, role: .dim, maxWidth: rect.maxX - x)
    }

    private static func drawAlerts(_ state: DashboardState, selected: Int, in rect: Rect, into buffer: inout CellBuffer) {
        let alerts = state.alerting.alerts
        let fixed = Set((state.environment.alerts?.matchers ?? []).filter { $0.isEqual && !$0.isRegex }.map(\.name))
        // Under 100 columns the differing labels give way to whole names (Enter shows every label).
        let labelNames = rect.width < 96 ? [] : AlertOrder.differingLabels(alerts, fixed: fixed)
        let severityWidth = 12
        // The name is the alert's identifier (what a silence matches): as wide as the longest needs, up to 40 cells,
        // while the summary keeps 20 cells and the labels 14; a fifth of the row when even that is too much.
        let namesNeed = max(6, alerts.map { DisplayWidth.of($0.name) }.max() ?? 6) + 2
        let reserve = labelNames.isEmpty ? 20 : 34
        let nameWidth = min(namesNeed, max(rect.width / 5, min(40, rect.width - severityWidth - 7 - 11 - reserve)))
        let sinceWidth = 7
        let stateWidth = 11
        let flexible = max(10, rect.width - severityWidth - nameWidth - sinceWidth - stateWidth)
        let labelsNeeded = alerts.map { DisplayWidth.of(AlertOrder.labelText($0, names: labelNames)) }.max() ?? 0
        let summaryWidth = labelNames.isEmpty ? flexible : max(flexible / 2, flexible - labelsNeeded - 2)
        let labelsWidth = flexible - summaryWidth
        var header = TextFit.pad("SEVERITY", to: severityWidth) + TextFit.pad("NAME", to: nameWidth) + TextFit.pad("SUMMARY", to: summaryWidth)
        if labelsWidth > 0 { header += TextFit.pad("LABELS", to: labelsWidth) }
        header += TextFit.pad("SINCE", to: sinceWidth) + "STATE"
        buffer.write(header, x: rect.x, y: rect.y, role: .label, maxWidth: rect.width)
        guard !alerts.isEmpty else {
            let text = state.alerting.polled && state.alerting.error == nil ? "nothing firing" : ""
            buffer.write(text, x: rect.x, y: rect.y + 1, role: .dim, maxWidth: rect.width)
            return
        }
        let rows = max(1, rect.height - 1)
        let highlighted = min(max(selected, 0), alerts.count - 1)
        let first = max(0, highlighted - rows + 1)
        for (index, alert) in alerts.enumerated().dropFirst(first).prefix(rows) {
            let y = rect.y + 1 + index - first
            let isSelected = index == highlighted
            if isSelected { buffer.fill(Rect(x: rect.x - 1, y: y, width: rect.width + 2, height: 1), role: .selection) }
            func role(_ normal: StyleRole) -> StyleRole { isSelected ? .selection : normal }
            var x = rect.x
            let glyph = StatusGlyph.glyph(alert.severity.status)
            x += buffer.write(TextFit.pad(TextFit.truncate("\(glyph) \(alert.severityText)", to: severityWidth - 1), to: severityWidth), x: x, y: y,
                              role: role(alert.suppressed ? .dim : AlertStyle.role(alert.severity)))
            x += buffer.write(TextFit.pad(TextFit.truncate(alert.name, to: nameWidth - 1), to: nameWidth), x: x, y: y, role: role(.text))
            x += buffer.write(TextFit.pad(TextFit.truncate(alert.summary, to: summaryWidth - 1), to: summaryWidth), x: x, y: y, role: role(.text))
            if labelsWidth > 0 {
                let labels = AlertOrder.labelText(alert, names: labelNames)
                x += buffer.write(TextFit.pad(TextFit.truncate(labels, to: labelsWidth - 1), to: labelsWidth), x: x, y: y, role: role(.dim))
            }
            let since = Format.age(state.now.timeIntervalSince(alert.startsAt))
            x += buffer.write(TextFit.pad(since, to: sinceWidth), x: x, y: y, role: role(.text))
            buffer.write(alert.muteText.isEmpty ? "firing" : alert.muteText, x: x, y: y,
                         role: role(alert.suppressed || !alert.firing ? .dim : .warn), maxWidth: rect.maxX - x)
        }
    }

    private static func drawSilences(_ state: DashboardState, selected: Int, in rect: Rect, into buffer: inout CellBuffer) {
        let silences = state.alerting.silences
        let idWidth = 10
        let endsWidth = 10
        let byWidth = 22
        let flexible = max(10, rect.width - idWidth - endsWidth - byWidth - 8)
        let matchersWidth = flexible * 3 / 5
        let commentWidth = flexible - matchersWidth
        let header = TextFit.pad("ID", to: idWidth) + TextFit.pad("STATE", to: 8) + TextFit.pad("MATCHERS", to: matchersWidth)
            + TextFit.pad("ENDS IN", to: endsWidth) + TextFit.pad("BY", to: byWidth) + "COMMENT"
        buffer.write(header, x: rect.x, y: rect.y, role: .label, maxWidth: rect.width)
        guard !silences.isEmpty else {
            buffer.write(state.alerting.polled ? "no active silences: x on an alert makes one" : "", x: rect.x, y: rect.y + 1,
                         role: .dim, maxWidth: rect.width)
            return
        }
        let rows = max(1, rect.height - 1)
        let highlighted = min(max(selected, 0), silences.count - 1)
        let first = max(0, highlighted - rows + 1)
        for (index, silence) in silences.enumerated().dropFirst(first).prefix(rows) {
            let y = rect.y + 1 + index - first
            let isSelected = index == highlighted
            if isSelected { buffer.fill(Rect(x: rect.x - 1, y: y, width: rect.width + 2, height: 1), role: .selection) }
            func role(_ normal: StyleRole) -> StyleRole { isSelected ? .selection : normal }
            var x = rect.x
            x += buffer.write(TextFit.pad(String(silence.id.prefix(idWidth - 2)), to: idWidth), x: x, y: y, role: role(.text))
            x += buffer.write(TextFit.pad(silence.state, to: 8), x: x, y: y, role: role(silence.active ? .warn : .dim))
            x += buffer.write(TextFit.pad(TextFit.truncate(silence.matchersText, to: matchersWidth - 1), to: matchersWidth), x: x, y: y,
                              role: role(.text))
            let left = Format.age(silence.endsAt.timeIntervalSince(state.now))
            x += buffer.write(TextFit.pad(left, to: endsWidth), x: x, y: y, role: role(.text))
            x += buffer.write(TextFit.pad(TextFit.truncate(silence.createdBy, to: byWidth - 1), to: byWidth), x: x, y: y, role: role(.dim))
            buffer.write(TextFit.truncate(silence.comment, to: max(0, commentWidth)), x: x, y: y, role: role(.text), maxWidth: rect.maxX - x)
        }
    }
}
