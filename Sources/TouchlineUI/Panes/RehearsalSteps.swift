import FoundationEssentials
import TouchlineCore

/// The steps of a rehearsal at the top of the Output pane: one row per step (glyph, number, title,
/// duration, figure) when there is room, otherwise one strip of glyphs with the running step named.
enum RehearsalSteps {
    /// Draws the steps at the top of `rect`; returns how many rows they took (with the blank row after them).
    static func draw(_ steps: [RehearsalStepRecord], now: Date, in rect: Rect, into buffer: inout CellBuffer) -> Int {
        guard !steps.isEmpty, rect.height > 0 else { return 0 }
        if rect.height >= steps.count + 4 {
            for (index, record) in steps.enumerated() { row(record, now: now, y: rect.y + index, in: rect, into: &buffer) }
            return steps.count + 1
        }
        var x = rect.x
        for record in steps {
            x += buffer.write(glyph(record.state), x: x, y: rect.y, role: role(record.state), maxWidth: rect.maxX - x)
        }
        let current = steps.first { $0.state == .running } ?? steps.last { $0.state.isFinal } ?? steps[0]
        let text = " \(current.step.number)/\(steps.count) \(current.step.title) \(duration(current, now: now)) \(current.summary)"
        buffer.write(TextFit.truncate(text, to: max(0, rect.maxX - x)), x: x, y: rect.y, role: .text, maxWidth: rect.maxX - x)
        return min(rect.height, 1)
    }

    private static func row(_ record: RehearsalStepRecord, now: Date, y: Int, in rect: Rect, into buffer: inout CellBuffer) {
        var x = rect.x
        x += buffer.write(glyph(record.state) + " ", x: x, y: y, role: role(record.state), maxWidth: rect.maxX - x)
        let title = TextFit.pad("\(record.step.number) \(record.step.title)", to: 29)
        x += buffer.write(title, x: x, y: y, role: record.state == .pending ? .dim : .text, maxWidth: rect.maxX - x)
        let time = duration(record, now: now)
        x += buffer.write(TextFit.pad(time, to: 8, alignment: .right) + "  ", x: x, y: y, role: .dim,
                          maxWidth: rect.maxX - x)
        buffer.write(TextFit.truncate(TextFit.singleLine(record.summary), to: max(0, rect.maxX - x)), x: x, y: y,
                     role: record.state == .failed ? .critical : .text, maxWidth: rect.maxX - x)
    }

    /// Seconds taken, or running so far.
    private static func duration(_ record: RehearsalStepRecord, now: Date) -> String {
        if let seconds = record.duration { return SecondsText.format(seconds) }
        if record.state == .running, let started = record.startedAt { return SecondsText.format(now.timeIntervalSince(started)) }
        return ""
    }

    private static func glyph(_ state: RehearsalStepState) -> String {
        switch state {
        case .pending: return "·"
        case .running: return "⟳"
        case .passed: return "✔"
        case .failed: return "✖"
        case .skipped: return "–"
        }
    }

    private static func role(_ state: RehearsalStepState) -> StyleRole {
        switch state {
        case .pending, .skipped: return .dim
        case .running: return .warn
        case .passed: return .ok
        case .failed: return .critical
        }
    }
}
