/// Formats an age for people, two units at most: `45s`, `12m`, `3h 5m`, `2d 4h`.
public enum AgeText {
    /// Formats `seconds` (negative ages, from clock skew, show as `0s`; NaN and infinities as `—`; from
    /// ``SecondsText/largest`` on in e-notation, `1.0e+21 s`).
    public static func format(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "—" }
        if seconds >= SecondsText.largest { return DecimalText.scientific(seconds, digits: 1) + " s" }
        let total = max(0, Int(clampingFinite: seconds.rounded(.down)))
        let days = total / 86_400
        let hours = total % 86_400 / 3600
        let minutes = total % 3600 / 60
        if days > 0 { return hours > 0 ? "\(days)d \(hours)h" : "\(days)d" }
        if hours > 0 { return minutes > 0 ? "\(hours)h \(minutes)m" : "\(hours)h" }
        if minutes > 0 { return "\(minutes)m" }
        return "\(total)s"
    }
}
