/// The unit of a prometheus probe's value (`unit`), which decides how the number is shown.
public enum MetricUnit: String, Sendable, Equatable, CaseIterable {
    /// Seconds: `120 ns`, `4.20 µs`, `850 ms`, `1.23 s`, `2m 5s`, `3h 10m`, `400d 0h`, `1.0e+30 s`.
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

    /// `value` in this unit, compact enough for a table column (at most about 8 columns). Every Double is
    /// shown and none traps: NaN and infinities as `NaN`, `+Inf`, `-Inf`; magnitudes beyond the largest unit
    /// in e-notation (`1.0e+30 s`, `1.0e+21`, `1.0e+21/s`); tiny non-zero seconds in µs or ns.
    public func format(_ value: Double) -> String {
        guard value.isFinite else { return Self.nonFinite(value) }
        let magnitude = Swift.abs(value)
        switch self {
        case .seconds:
            if magnitude >= Self.secondsLimit { return DecimalText.scientific(value, digits: 1) + " s" }
            if magnitude > 0 && magnitude < 1e-6 { return Self.subunit(value * 1e9, magnitude * 1e9) + " ns" }
            if magnitude > 0 && magnitude < 1e-3 { return Self.subunit(value * 1e6, magnitude * 1e6) + " µs" }
            if magnitude < 1 { return Self.subunit(value * 1000, magnitude * 1000) + " ms" }
            if magnitude < 60 { return Self.decimal(value, digits: 2) + " s" }
            let sign = value < 0 ? "-" : ""
            let whole = Int64(clampingFinite: magnitude)
            if magnitude < 3600 { return sign + "\(whole / 60)m \(whole % 60)s" }
            if magnitude < 86_400 { return sign + "\(whole / 3600)h \(whole % 3600 / 60)m" }
            return sign + "\(whole / 86_400)d \(whole % 86_400 / 3600)h"
        case .bytes:
            guard magnitude < 9e18 else { return DecimalText.scientific(value, digits: 1) + " B" }
            return ByteText.format(Int64(clampingFinite: value))
        case .ratio:
            return Self.percentText(value * 100)
        case .percent:
            return Self.percentText(value)
        case .count:
            return Self.plain(value)
        case .perSecond:
            return Self.plain(value) + "/s"
        }
    }

    /// A value under 1000 of a sub-second unit with 2, 1 or 0 decimals (`1.20`, `24.5`, `144`).
    private static func subunit(_ value: Double, _ magnitude: Double) -> String {
        decimal(value, digits: magnitude < 10 ? 2 : (magnitude < 100 ? 1 : 0))
    }

    /// From here on seconds are shown in e-notation: `11574d 1h` is the last day-and-hour text.
    static let secondsLimit = 1e9

    /// A percentage with one decimal, in e-notation from 100000 % on.
    private static func percentText(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        guard Swift.abs(value) < 100_000 else { return DecimalText.scientific(value, digits: 1) + " %" }
        return decimal(value, digits: 1) + " %"
    }

    /// `NaN`, `+Inf` or `-Inf`, as Prometheus writes them.
    private static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf")
    }

    /// A number without a unit: whole numbers as such up to 99999, then `k`, `M`, `G`, `T` with one decimal and
    /// e-notation from 1000T on (`1.0e+21`); fractions with up to three significant decimals (`0.932`, `12.5`),
    /// and e-notation under 0.001 (`1.2e-07`).
    public static func plain(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        let magnitude = Swift.abs(value)
        if magnitude >= 999.95e12 || (magnitude > 0 && magnitude < 0.0005) { return DecimalText.scientific(value, digits: 1) }
        if magnitude >= 100_000 {
            let (scaled, suffix): (Double, String) = magnitude >= 999.95e9 ? (value / 1e12, "T") : magnitude >= 999.95e6 ? (value / 1e9, "G")
                : magnitude >= 999.95e3 ? (value / 1e6, "M") : (value / 1e3, "k")
            return decimal(scaled, digits: 1) + suffix
        }
        if value == value.rounded() { return String(Int64(clampingFinite: value)) }
        return decimal(value, digits: magnitude >= 100 ? 1 : (magnitude >= 1 ? 2 : 3))
    }

    /// `value` with exactly `digits` decimals (no Foundation formatting).
    static func decimal(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (Swift.abs(value) * scale).rounded()
        guard scaled < 9e18 else { return DecimalText.scientific(value, digits: digits) }
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
