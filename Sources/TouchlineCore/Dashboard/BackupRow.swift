import Foundation

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

    /// Creates a row.
    public init(file: String, created: Date, size: Int64, state: String) {
        self.file = file
        self.created = created
        self.size = size
        self.state = state
    }
}
