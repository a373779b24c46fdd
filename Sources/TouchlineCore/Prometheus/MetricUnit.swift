/// The unit of a prometheus probe's value (`unit`), which decides how the number is shown.
public enum MetricUnit: String, Sendable, Equatable, CaseIterable {
    /// Seconds: `850 ms`, `1.23 s`, `2m 5s`.
    case seconds
    /// Bytes: `512 B`, `64.0 MiB`.
    case bytes
    /// A ratio from 0 to 1, shown as a percentage: 0.932 → `93.2 %`.
    case ratio
    /// A value already in percent: 93.2 → `93.2 %`.
    case percent
    /// A count: `5000`, `1.2M`.
    case count
    /// A rate per second: `12.3/s`.
    case perSecond = "per_second"

    /// `value` in this unit, compact enough for a table column (at most about 8 columns).
    public func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
        switch self {
        case .seconds:
            let magnitude = Swift.abs(value)
            if magnitude < 1 { return Self.decimal(value * 1000, digits: magnitude < 0.01 ? 2 : (magnitude < 0.1 ? 1 : 0)) + " ms" }
            if magnitude < 60 { return Self.decimal(value, digits: 2) + " s" }
            if magnitude < 3600 { return "\(Int(value / 60))m \(Int(value.truncatingRemainder(dividingBy: 60)))s" }
            return "\(Int(value / 3600))h \(Int(value.truncatingRemainder(dividingBy: 3600) / 60))m"
        case .bytes:
            return ByteText.format(Int64(Swift.max(Swift.min(value, 9.2e18), -9.2e18)))
        case .ratio:
            return Self.decimal(value * 100, digits: 1) + " %"
        case .percent:
            return Self.decimal(value, digits: 1) + " %"
        case .count:
            return Self.plain(value)
        case .perSecond:
            return Self.plain(value) + "/s"
        }
    }

    /// A number without a unit: whole numbers as such up to 99999, then `k`, `M`, `G` with one decimal;
    /// fractions with up to three significant decimals (`0.932`, `12.5`).
    public static func plain(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf") }
        let magnitude = Swift.abs(value)
        if magnitude >= 100_000 {
            let (scaled, suffix): (Double, String) = magnitude >= 1e12 ? (value / 1e12, "T") : magnitude >= 1e9 ? (value / 1e9, "G")
                : magnitude >= 1e6 ? (value / 1e6, "M") : (value / 1e3, "k")
            return decimal(scaled, digits: 1) + suffix
        }
        if value == value.rounded() { return String(Int64(value)) }
        return decimal(value, digits: magnitude >= 100 ? 1 : (magnitude >= 1 ? 2 : 3))
    }

    /// `value` with exactly `digits` decimals (no Foundation formatting).
    static func decimal(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (Swift.abs(value) * scale).rounded()
        guard scaled < 9e18 else { return String(value) }
        let whole = Int64(scaled) / Int64(scale)
        let fraction = Int64(scaled) % Int64(scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        let fractionText = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }

    /// A value shown in `unit`, or as a plain number when the probe sets none.
    public static func format(_ value: Double, unit: MetricUnit?) -> String {
        unit?.format(value) ?? plain(value)
    }
}
