import FoundationEssentials

/// Parses and formats the duration strings of config.toml: `"500ms"`, `"2s"`, `"1m"`, `"1m30s"`, `"1.5s"`, `"14d"`.
public enum DurationText {
    private static let units: [(suffix: String, seconds: Double)] = [
        ("ms", 0.001), ("us", 0.000_001), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1),
    ]

    /// The longest duration accepted anywhere (ten years): a longer one is a typo, and every wait, deadline and
    /// text built from a duration stays far inside integer milliseconds.
    public static let longest: Double = 3650 * 86_400

    /// Returns the number of seconds `text` stands for, or nil when it is not a positive duration.
    public static func seconds(_ text: String) -> Double? {
        parse(text).flatMap { $0 > 0 ? $0 : nil }
    }

    /// Like ``seconds(_:)`` but also accepts zero (`0s`, `0ms`): for options where zero means "none".
    public static func nonNegativeSeconds(_ text: String) -> Double? {
        parse(text)
    }

    /// The seconds of a well-formed duration (zero included), nil when malformed.
    private static func parse(_ text: String) -> Double? {
        var rest = Substring(text.trimming(charactersIn: " \t"))
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.suffix) }) else { return nil }
            rest = rest.dropFirst(unit.suffix.count)
            total += value * unit.seconds
        }
        return total.isFinite ? total : nil
    }

    /// Formats seconds in the same notation, picking the shortest exact unit (`2s`, `500ms`, `1m`).
    /// NaN, infinities and values past 10^15 s (never from a config, which stops at ``longest``) are written
    /// in e-notation (`1.0e+30s`, `infs`) instead of trapping.
    public static func format(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e15 else { return DecimalText.scientific(seconds, digits: 1) + "s" }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 {
            return "\(Int(clampingFinite: seconds / 60))m"
        }
        if seconds >= 1, seconds.truncatingRemainder(dividingBy: 1) == 0 {
            return "\(Int(clampingFinite: seconds))s"
        }
        if seconds >= 1 {
            return "\(trimmed(seconds))s"
        }
        return "\(trimmed(seconds * 1000))ms"
    }

    private static func trimmed(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return String(Int(clampingFinite: rounded)) }
        return String(rounded)
    }
}
