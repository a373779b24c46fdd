import TouchlineCore

/// A one-row chart of recent values with the eighth blocks `▁▂▃▄▅▆▇█`; failed checks are blanks, time
/// without polling (another environment was shown) a dim ``gapMarker``.
public enum Sparkline {
    /// The eight levels, lowest first.
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// The column that stands for a stretch without polling.
    public static let gapMarker: Character = "┊"

    /// The level character for `value` on a 0...`maximum` scale (any positive value shows at least `▁`).
    public static func level(_ value: Double, maximum: Double) -> Character {
        guard maximum > 0, value > 0 else { return levels[0] }
        let index = Int(clampingFinite: (value / maximum * Double(levels.count - 1)).rounded())
        return levels[min(max(index, 0), levels.count - 1)]
    }

    /// The last `width` values as a string, scaled from 0 to `maximum` (the largest value shown when nil);
    /// nil values become spaces. The result is at most `width` characters, newest last.
    public static func render(_ values: [Double?], width: Int, maximum: Double? = nil) -> String {
        guard width > 0 else { return "" }
        let shown = values.suffix(width)
        let top = maximum ?? shown.compactMap { $0 }.max() ?? 0
        var text = ""
        text.reserveCapacity(shown.count * 3)
        for value in shown {
            if let value { text.append(level(value, maximum: top)) } else { text.append(" ") }
        }
        return text
    }

    /// Draws the sparkline right-aligned in `rect`'s first row, so the newest value is always at the right edge.
    public static func draw(_ values: [Double?], in rect: Rect, role: StyleRole, into buffer: inout CellBuffer) {
        draw(points: values.map { $0.map(HistoryPoint.latency) ?? .failure }, in: rect, role: role, into: &buffer)
    }

    /// The same for a probe's history: latencies as levels, failures blank, gaps as a dim ``gapMarker``.
    public static func draw(points: [HistoryPoint], in rect: Rect, role: StyleRole, into buffer: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        let shown = points.suffix(rect.width)
        let top = shown.compactMap(\.latency).max() ?? 0
        var x = rect.maxX - shown.count
        for point in shown {
            switch point {
            case .latency(let value): buffer.put(level(value, maximum: top), x: x, y: rect.y, role: role)
            case .gap: buffer.put(gapMarker, x: x, y: rect.y, role: .dim)
            case .failure: break
            }
            x += 1
        }
    }
}
