import FoundationEssentials
import TouchlineCore

/// Render and paint times of the dashboard's frames, summarised in the log on exit.
public struct FrameStats {
    private(set) var frames = 0
    private var renderTotal = Duration.zero
    private var renderMax = Duration.zero
    private var paintTotal = Duration.zero

    /// Adds one frame's render and paint durations.
    public mutating func add(render: Duration, paint: Duration) {
        frames += 1
        renderTotal += render
        renderMax = max(renderMax, render)
        paintTotal += paint
    }

    /// One line for the log: frame count, mean and max render time, mean paint time.
    public var summary: String {
        guard frames > 0 else { return "frames 0" }
        func ms(_ duration: Duration) -> String {
            let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            return DecimalText.fixed(value, digits: 3)
        }
        return "frames \(frames) render_avg_ms \(ms(renderTotal / frames)) render_max_ms \(ms(renderMax)) "
            + "paint_avg_ms \(ms(paintTotal / frames))"
    }
}
