/// The one formatter of measured durations for people: latencies, step and action times, downtime, time to
/// healthy, query ages. Every figure is rounded to the nearest value of its unit (never truncated), and a value
/// that rounds up to the next unit's range is written in that unit (0.9995 s is `1.0 s`, never `1000 ms`).
///
/// | range            | shape      | example   |
/// |------------------|------------|-----------|
/// | under 1 ms       | `0.35 ms`  | 2 decimals |
/// | under 100 ms     | `24.2 ms`  | 1 decimal |
/// | under 1 s        | `144 ms`   | whole ms  |
/// | under 1 min      | `12.3 s`   | 1 decimal |
/// | under 1 h        | `1m 17s`   | nearest second |
/// | under 1 day      | `2h 05m`   | nearest minute |
/// | from 1 day       | `3d 04h`   | nearest hour |
/// | from 10^9 s      | `1.0e+12 s` | e-notation |
///
/// Negative values (clock steps) show as `0.00 ms`; NaN and infinities as `—`; a positive value too small to
/// show in hundredths of a millisecond in µs or ns (`0.12 µs`), never as `0.00 ms`.
/// Configured durations, echoed in config notation (`timeout after 2s`), use ``DurationText`` instead, the
/// inverse of the config parser.
public enum SecondsText {
    /// Formats `seconds` in the shape of its range (see the table above).
    public static func format(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "—" }
        if seconds >= largest { return DecimalText.scientific(seconds, digits: 1) + " s" }
        let value = max(0, seconds)
        let hundredths = nearest(value * 100_000) / 100
        if hundredths == 0 && value > 0 { return tiny(value) }
        if hundredths < 1 { return fixed(hundredths, decimals: 2) + " ms" }
        let tenths = nearest(value * 10_000) / 10
        if tenths < 100 { return fixed(tenths, decimals: 1) + " ms" }
        let milliseconds = nearest(value * 1000)
        if milliseconds < 1000 { return String(Int(milliseconds)) + " ms" }
        let tenthsOfSeconds = nearest(value * 10) / 10
        if tenthsOfSeconds < 60 { return fixed(tenthsOfSeconds, decimals: 1) + " s" }
        let wholeSeconds = Int(nearest(value))
        if wholeSeconds < 3600 { return "\(wholeSeconds / 60)m \(DecimalText.zeroPadded(wholeSeconds % 60, width: 2))s" }
        let minutes = Int(nearest(value / 60))
        if minutes < 1440 { return "\(minutes / 60)h \(DecimalText.zeroPadded(minutes % 60, width: 2))m" }
        let hours = Int(nearest(value / 3600))
        return "\(hours / 24)d \(DecimalText.zeroPadded(hours % 24, width: 2))h"
    }

    /// From here on durations are written in e-notation (`1.0e+09 s`); below it the longest text is `11574d 01h`.
    public static let largest = 1e9

    /// A positive duration under 0.005 ms: `4.20 µs`, `0.12 µs`, `3.0 ns` when under 0.01 µs.
    private static func tiny(_ value: Double) -> String {
        let hundredthsOfMicroseconds = nearest(value * 100_000_000) / 100
        if hundredthsOfMicroseconds >= 0.01 { return fixed(hundredthsOfMicroseconds, decimals: 2) + " µs" }
        return DecimalText.fixed(value * 1e9, digits: value * 1e9 < 0.1 ? 3 : 1) + " ns"
    }

    /// The lower-bound marker put before a duration that is only known to be at least that long (a check that
    /// ran out of its deadline counts as its timeout).
    public static let atLeastMarker = "≥"

    /// Formats `seconds`, marked `≥ ` when `atLeast`; `compact` drops the space after the marker, for narrow
    /// table columns (`≥2.0 s`).
    public static func format(_ seconds: Double, atLeast: Bool, compact: Bool = false) -> String {
        atLeast ? atLeastMarker + (compact ? "" : " ") + format(seconds) : format(seconds)
    }

    /// `scaled` rounded to the nearest whole number, halves away from zero, as the decimal it was written as:
    /// 0.9995 s is stored as 0.99949999…, and 999.4999… ms must still round to 1000, so the product is first
    /// snapped to six decimals.
    private static func nearest(_ scaled: Double) -> Double {
        guard scaled < 1e9 else { return scaled.rounded() }
        return ((scaled * 1_000_000).rounded() / 1_000_000).rounded()
    }

    /// `value` (already rounded to `decimals`) with exactly `decimals` digits after the point.
    private static func fixed(_ value: Double, decimals: Int) -> String {
        let scale = decimals == 2 ? 100 : 10
        let scaled = Int((value * Double(scale)).rounded())
        let fraction = String(scaled % scale)
        return "\(scaled / scale)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
