import TouchlineCore

/// The border every pane shares: rounded when idle, heavy and `borderFocused` when it has the keyboard.
enum PaneFrame {
    /// Draws the frame of `pane` (over a blank area: the inside is not cleared) with an optional tag on the right of the top border; returns the
    /// content area (inside the border, one column of padding on each side).
    static func draw(_ pane: Pane, in rect: Rect, focused: Bool, titleExtra: [Span] = [], tag: [Span] = [],
                     into buffer: inout CellBuffer) -> Rect {
        let role: StyleRole = focused ? .borderFocused : .border
        buffer.drawBox(rect, style: focused ? .heavy : .rounded, role: role)
        let tagWidth = tag.reduce(0) { $0 + $1.width }
        // The tag (the Output pane's running / done / failed, a probe's status) outranks the title's extra words:
        // they are cut to leave it room rather than the tag dropped.
        var extra = titleExtra
        let room = rect.width - 12 - tagWidth - DisplayWidth.of(pane.title)
        if !tag.isEmpty, room >= 0, extra.reduce(0, { $0 + $1.width }) > room {
            extra = room >= 4 ? TextFit.truncate(extra, to: room) : []
        }
        let title = [Span(pane.title, .title)] + extra
        let used = buffer.writeOnBorder(title, of: rect, bottom: false, alignment: .left, role: role)
        if !tag.isEmpty, used + tagWidth + 10 <= rect.width {
            buffer.writeOnBorder(tag, of: rect, bottom: false, alignment: .right, role: role)
        }
        return rect.inset(by: 1).inset(horizontal: 1, vertical: 0)
    }

    /// Writes `text` on the bottom border, right-aligned (e.g. `↓ 3 more`).
    static func bottomNote(_ spans: [Span], in rect: Rect, focused: Bool, into buffer: inout CellBuffer) {
        buffer.writeOnBorder(spans, of: rect, bottom: true, alignment: .right, role: focused ? .borderFocused : .border)
    }

    /// A probe's tag for the top border: `✔ api 12.3 ms`.
    static func probeTag(_ probe: ProbeState) -> [Span] {
        let status = probe.status
        var spans = [Span(StatusGlyph.glyph(status) + " " + probe.config.name, StatusStyle.role(status))]
        if let latest = probe.latest, latest.timedOut || status != .down, let latency = latest.latencyText {
            spans.append(Span(" " + latency, .dim))
        }
        return spans
    }

    /// Centres a one-line message in `rect` (e.g. `no postgres probe in STAGING`).
    static func centeredMessage(_ text: String, role: StyleRole, in rect: Rect, into buffer: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        buffer.write(text, in: rect.row(max(0, (rect.height - 1) / 2)), role: role, alignment: .center)
    }
}
