import FoundationEssentials

/// ISO 8601 UTC timestamps by plain arithmetic, with no formatter object: Foundation's date formatters
/// load ICU's locale data, which costs the dashboard megabytes of memory for what is a fixed format.
public enum UTCTimestamp {
    /// `2026-11-23T17:20:05Z`, or with `milliseconds` `2026-11-23T17:20:05.123Z` (rounded to the nearest).
    public static func format(_ date: Date, milliseconds: Bool = false) -> String {
        let total = Int64(clampingFinite: (seconds(date) * 1000).rounded())
        let (secondsOfEpoch, fraction) = floorDivision(total, 1000)
        let (days, secondOfDay) = floorDivision(secondsOfEpoch, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad((secondOfDay / 60) % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if milliseconds { text += ".\(pad(fraction, 3))" }
        return text + "Z"
    }

    /// `20261123_172005`: the compact stamp of file names.
    public static func compact(_ date: Date) -> String {
        let (days, secondOfDay) = floorDivision(Int64(clampingFinite: seconds(date).rounded(.down)), 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        return "\(pad(year, 4))\(pad(month, 2))\(pad(day, 2))_\(pad(secondOfDay / 3600, 2))"
            + "\(pad((secondOfDay / 60) % 60, 2))\(pad(secondOfDay % 60, 2))"
    }

    /// The seconds since 1970 of `date`, held to the years 0001 to 9999 (a date from outside, such as an
    /// alert's, may be anything; NaN counts as 1970).
    private static func seconds(_ date: Date) -> Double {
        let value = date.timeIntervalSince1970
        return value.isNaN ? 0 : min(max(value, -62_135_596_800), 253_402_300_799.999)
    }

    /// Year, month and day of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civilDate(daysSinceEpoch days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = ((value % divisor) + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        DecimalText.zeroPadded(Int(value), width: width)
    }
}
