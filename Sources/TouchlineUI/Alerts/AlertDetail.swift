import FoundationEssentials
import TouchlineCore

/// An alert's details in the Alerts view (Enter): name, severity, state, since when, the summary and the
/// description, every label and annotation, the generator URL, and what silences or inhibits it.
enum AlertDetail {
    /// The detail lines of `alert` for a `width`-wide area.
    static func lines(_ alert: Alert, now: Date, width: Int) -> [(text: String, role: StyleRole)] {
        var lines: [(text: String, role: StyleRole)] = []
        lines.append(("\(alert.name) · \(alert.severityText) · \(alert.muteText.isEmpty ? "firing" : alert.muteText)", AlertStyle.role(alert.severity)))
        var since = "since \(UTCTimestamp.format(alert.startsAt)) (\(Format.age(now.timeIntervalSince(alert.startsAt))) ago)"
        if let ends = alert.endsAt { since += " · ends \(UTCTimestamp.format(ends)) unless sent again" }
        if let value = alert.value { since += " · value \(value)" }
        lines.append((since, .text))
        if !alert.summary.isEmpty { lines += TextWrap.lines("summary: " + alert.summary, width: width).map { ($0, .text) } }
        if !alert.description.isEmpty { lines += TextWrap.lines("description: " + alert.description, width: width).map { ($0, .text) } }
        lines.append(("", .text))
        lines.append(("labels:", .label))
        for (name, value) in alert.labels.sorted(by: { $0.key < $1.key }) {
            lines += TextWrap.lines("· \(name)=\(value)", width: width).map { ($0, .text) }
        }
        lines.append(("annotations:", .label))
        if alert.annotations.isEmpty { lines.append(("· none", .dim)) }
        for (name, value) in alert.annotations.sorted(by: { $0.key < $1.key }) {
            lines += TextWrap.lines("· \(name): \(value)", width: width).map { ($0, .text) }
        }
        lines.append(("", .text))
        lines += TextWrap.lines("generator URL: \(alert.generatorURL ?? "none given")", width: width).map { ($0, .dim) }
        if alert.silenced { lines.append(("silenced by: \(alert.silencedBy.joined(separator: ", "))", .warn)) }
        if alert.inhibited { lines.append(("inhibited by: \(alert.inhibitedBy.joined(separator: ", "))", .warn)) }
        lines.append(("fingerprint: \(alert.fingerprint)", .dim))
        return lines
    }

    /// Draws the details of `alert` scrolled by `scroll` lines into `rect`.
    static func draw(_ alert: Alert, now: Date, scroll: Int, in rect: Rect, into buffer: inout CellBuffer) {
        let lines = lines(alert, now: now, width: max(1, rect.width))
        let offset = max(0, min(scroll, lines.count - rect.height))
        for (index, line) in lines.dropFirst(offset).prefix(rect.height).enumerated() {
            buffer.write(line.text, x: rect.x, y: rect.y + index, role: line.role, maxWidth: rect.width)
        }
    }
}
