import Foundation

/// Formats latencies for people: `0.42 ms`, `12.3 ms`, `1.20 s`.
public enum LatencyText {
    /// Formats `seconds` with a unit and about three significant digits.
    public static func format(_ seconds: Double) -> String {
        let ms = seconds * 1000
        if ms < 1 { return String(format: "%.2f ms", ms) }
        if ms < 100 { return String(format: "%.1f ms", ms) }
        if ms < 1000 { return String(format: "%.0f ms", ms) }
        return String(format: "%.2f s", seconds)
    }

    /// The lower-bound marker put before a latency that is only known to be at least that long.
    public static let atLeastMarker = "≥"

    /// Formats `seconds`, marked `≥ ` when `atLeast` (a check that ran out of its deadline); `compact`
    /// drops the space after the marker, for narrow table columns (`≥2.00 s`).
    public static func format(_ seconds: Double, atLeast: Bool, compact: Bool = false) -> String {
        atLeast ? atLeastMarker + (compact ? "" : " ") + format(seconds) : format(seconds)
    }
}
