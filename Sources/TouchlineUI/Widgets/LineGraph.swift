import FoundationEssentials
import Glibc
import TouchlineCore

/// A multi-row column chart of a series (newest at the right) drawn with eighth blocks, several rows tall.
public enum LineGraph {
    /// The marker drawn on the bottom row where a sample failed.
    public static let failureMarker: Character = "✖"

    /// Draws `values` into `rect`, one column per value, the last `rect.width` values right-aligned,
    /// scaled so that `maximum` fills the full height; nil values get the failure marker in `failureRole`.
    public static func draw(_ values: [Double?], in rect: Rect, maximum: Double, role: StyleRole,
                            failureRole: StyleRole, into buffer: inout CellBuffer) {
        draw(points: values.map { $0.map(HistoryPoint.latency) ?? .failure }, in: rect, maximum: maximum, role: role,
             failureRole: failureRole, into: &buffer)
    }

    /// The same for a probe's history: a stretch without polling is one dim column of
    /// ``Sparkline/gapMarker`` from top to bottom.
    public static func draw(points: [HistoryPoint], in rect: Rect, maximum: Double, role: StyleRole,
                            failureRole: StyleRole, into buffer: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        let shown = points.suffix(rect.width)
        let totalEighths = rect.height * 8
        var x = rect.maxX - shown.count
        for point in shown {
            defer { x += 1 }
            let value: Double
            switch point {
            case .failure:
                buffer.put(failureMarker, x: x, y: rect.maxY - 1, role: failureRole)
                continue
            case .gap:
                for y in rect.y..<rect.maxY { buffer.put(Sparkline.gapMarker, x: x, y: y, role: .dim) }
                continue
            case .latency(let seconds):
                value = seconds
            }
            var eighths = maximum > 0 ? Int(clampingFinite: (value / maximum * Double(totalEighths)).rounded()) : 0
            if value > 0 && eighths == 0 { eighths = 1 }
            eighths = min(eighths, totalEighths)
            var row = 0
            while eighths > 0 {
                let cell = min(eighths, 8)
                buffer.put(Sparkline.levels[cell - 1], x: x, y: rect.maxY - 1 - row, role: role)
                eighths -= cell
                row += 1
            }
        }
    }

    /// The graph as text rows (top first), for tests and plain output.
    public static func rows(_ values: [Double?], width: Int, height: Int, maximum: Double) -> [String] {
        var buffer = CellBuffer(width: width, height: height)
        draw(values, in: buffer.bounds, maximum: maximum, role: .graph, failureRole: .critical, into: &buffer)
        return (0..<height).map(buffer.rowText)
    }

    /// The smallest "nice" number (1, 2, 2.5 or 5 times a power of ten) at least `value`; 0.001 for nothing.
    public static func niceCeiling(_ value: Double) -> Double {
        guard value.isFinite, value > 0 else { return 0.001 }
        let magnitude = pow(10, floor(log10(value)))
        let ceiling = [1.0, 2.0, 2.5, 5.0, 10.0].lazy.map { $0 * magnitude }.first { $0 >= value * (1 - 1e-9) } ?? 10 * magnitude
        // Near the ends of Double (a step past greatestFiniteMagnitude, a subnormal magnitude of 0) the value is its own top.
        return ceiling.isFinite && ceiling > 0 ? ceiling : value
    }
}
