import FoundationEssentials

/// One backup as the Backups view lists it.
public struct BackupRow: Sendable, Equatable {
    /// The file name.
    public var file: String
    /// When it was taken.
    public var created: Date
    /// Size in bytes.
    public var size: Int64
    /// `verified`, `unverified`, `missing`, … as the inventory says.
    public var state: String
    /// Why it was taken (``BackupOrigin/unknown`` for a file the manifest does not list or an old manifest).
    public var origin: BackupOrigin
    /// For a safety backup: the file whose restore it preceded.
    public var restoring: String?

    /// Creates a row.
    public init(file: String, created: Date, size: Int64, state: String, origin: BackupOrigin = .unknown,
                restoring: String? = nil) {
        self.file = file
        self.created = created
        self.size = size
        self.state = state
        self.origin = origin
        self.restoring = restoring
    }
}
