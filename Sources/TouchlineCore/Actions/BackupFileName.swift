import FoundationEssentials

/// Names of backup files: `<database>_<YYYYmmdd_HHMMSS>.sql.gz` (UTC), and their temporary `.partial` twins.
public enum BackupFileName {
    /// The ending of a finished backup.
    public static let suffix = ".sql.gz"
    /// Appended to a backup's name while it is being written and verified.
    public static let partialSuffix = ".partial"

    /// A new file name for `database` at `date`; when `isTaken` says the name exists, `_2`, `_3`, ... are tried.
    public static func make(database: String, at date: Date, isTaken: (String) -> Bool = { _ in false }) -> String {
        let base = "\(safe(database))_\(stamp(date))"
        var name = base + suffix
        var counter = 2
        while isTaken(name) || isTaken(name + partialSuffix) {
            name = "\(base)_\(counter)\(suffix)"
            counter += 1
        }
        return name
    }

    /// `YYYYmmdd_HHMMSS` of `date` in UTC.
    public static func stamp(_ date: Date) -> String {
        UTCTimestamp.compact(date)
    }

    /// Whether `name` is a finished backup file's name (not a partial, not the manifest).
    public static func isBackup(_ name: String) -> Bool {
        name.hasSuffix(suffix) && !name.hasPrefix(".")
    }

    /// Whether `name` is a backup still being written (or left behind by a crash).
    public static func isPartial(_ name: String) -> Bool {
        name.hasSuffix(suffix + partialSuffix)
    }

    /// The database name made safe as a file name: `/`, control characters and a leading dot become `_`.
    static func safe(_ database: String) -> String {
        var text = String(database.map { $0 == "/" || $0.isNewline || ($0.asciiValue.map { $0 < 32 } ?? false) ? "_" : $0 })
        if text.hasPrefix(".") { text = "_" + text.dropFirst() }
        return text.isEmpty ? "database" : text
    }
}
