import FoundationEssentials

/// Formats byte counts for people: `512 B`, `1.2 KiB`, `64.0 MiB`.
public enum ByteText {
    /// Formats `bytes` with a binary unit and one decimal.
    public static func format(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes)
        var unit = 0
        while abs(value) >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : DecimalText.fixed(value, digits: 1) + " " + units[unit]
    }
}
