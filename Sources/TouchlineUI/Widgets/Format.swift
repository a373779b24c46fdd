import FoundationEssentials
import Glibc
import TouchlineCore

/// Short, unit-carrying texts for the panes: clock times, ages, percentages, rates, uptimes.
public enum Format {
    /// `HH:mm:ss` of `date` in UTC.
    public static func clock(_ date: Date) -> String {
        let seconds = Int(clampingFinite: floor(date.timeIntervalSince1970))
        let ofDay = ((seconds % 86_400) + 86_400) % 86_400
        return DecimalText.zeroPadded(ofDay / 3600, width: 2) + ":" + DecimalText.zeroPadded((ofDay / 60) % 60, width: 2) + ":" + DecimalText.zeroPadded(ofDay % 60, width: 2)
    }

    /// The age of something `seconds` old in one unit: `0s`, `42s`, `3m`, `5h`, `2d`.
    /// NaN and infinities show as `—`, ages from 10^9 s on in e-notation (``SecondsText/largest``).
    public static func age(_ seconds: Double) -> String {
        if let text = outOfRange(seconds) { return text }
        let total = Int(clampingFinite: max(0, seconds).rounded(.down))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m" }
        if total < 86_400 { return "\(total / 3600)h" }
        return "\(total / 86_400)d"
    }

    /// An uptime in its two largest units: `42s`, `12m 05s`, `5h 12m`, `3d 4h`.
    /// NaN and infinities show as `—`, uptimes from 10^9 s on in e-notation (``SecondsText/largest``).
    public static func uptime(_ seconds: Double) -> String {
        if let text = outOfRange(seconds) { return text }
        let total = Int(clampingFinite: max(0, seconds).rounded(.down))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m \(DecimalText.zeroPadded(total % 60, width: 2))s" }
        if total < 86_400 { return "\(total / 3600)h \(DecimalText.zeroPadded((total / 60) % 60, width: 2))m" }
        return "\(total / 86_400)d \(total % 86_400 / 3600)h"
    }

    /// How long something has run: `420 ms`, `12.4 s`, `3m 05s`, `1h 02m` (``SecondsText``, rounded to nearest).
    public static func duration(_ seconds: Double) -> String {
        SecondsText.format(seconds)
    }

    /// A share as a percentage with `digits` decimals: `99.2%`; whole 100 % and 0 % lose the decimals (and
    /// clamp what lies beyond them); NaN is `—`. A share short of whole never reads as 100 % (99.96 % is
    /// `99.9%`, not `100.0%`) and one above none never as 0 % (0.04 % is `<0.1%`, not `0.0%`): a single
    /// failed check must not vanish from an availability or an error rate.
    public static func percent(_ ratio: Double, digits: Int = 1) -> String {
        guard !ratio.isNaN else { return "—" }
        let value = ratio * 100
        if value >= 100 { return "100%" }
        if value <= 0 { return "0%" }
        let digits = max(0, digits)
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let step = 1 / scale
        if (value * scale).rounded() >= 100 * scale {
            return DecimalText.fixed((value * scale).rounded(.down) / scale, digits: digits) + "%"
        }
        if (value * scale).rounded() <= 0 { return "<" + DecimalText.fixed(step, digits: digits) + "%" }
        return DecimalText.fixed(value, digits: digits) + "%"
    }

    /// A count, shortened from ten thousand on: `980`, `12.3k`, `4.5M`, `7.2G`, and from 1000G on in
    /// e-notation (`9.2e+18`).
    public static func count(_ value: Int64) -> String {
        let magnitude = value.magnitude
        if magnitude < 10_000 { return String(value) }
        if magnitude < 999_950 { return DecimalText.fixed(Double(value) / 1000, digits: 1) + "k" }
        if magnitude < 999_950_000 { return DecimalText.fixed(Double(value) / 1_000_000, digits: 1) + "M" }
        if magnitude < 999_950_000_000 { return DecimalText.fixed(Double(value) / 1_000_000_000, digits: 1) + "G" }
        return DecimalText.scientific(Double(value), digits: 1)
    }

    /// A rate per second: `0`, `0.4`, `12`, `1.2k` (one decimal under 10, none above); from a million on in
    /// e-notation (`1.0e+21`); NaN is `—`, infinity `+Inf`.
    public static func rate(_ value: Double) -> String {
        guard !value.isNaN else { return "—" }
        if value <= 0 { return "0" }
        if value == .infinity { return "+Inf" }
        if value >= 999_950 { return DecimalText.scientific(value, digits: 1) }
        if value < 10 { return DecimalText.fixed(value, digits: 1) }
        if value < 10_000 { return DecimalText.fixed(value, digits: 0) }
        return DecimalText.fixed(value / 1000, digits: 1) + "k"
    }

    /// A latency, or `—` when there is none.
    public static func latency(_ seconds: Double?) -> String {
        seconds.map(LatencyText.format) ?? "—"
    }

    /// `—` for NaN and ±infinity, e-notation (`1.0e+21 s`) from ``SecondsText/largest`` on, nil otherwise.
    private static func outOfRange(_ seconds: Double) -> String? {
        guard seconds.isFinite else { return "—" }
        return seconds >= SecondsText.largest ? DecimalText.scientific(seconds, digits: 1) + " s" : nil
    }
}
