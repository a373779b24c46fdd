import FoundationEssentials

/// `manifest.json` beside the backups: every backup touchline wrote and kept, oldest first.
public struct BackupManifest: Codable, Sendable, Equatable {
    /// The manifest's file name inside the backup directory.
    public static let fileName = "manifest.json"

    /// The format version.
    public var version: Int
    /// The backups, oldest first.
    public var backups: [BackupRecord]

    /// Creates a manifest.
    public init(backups: [BackupRecord] = [], version: Int = 1) {
        self.version = version
        self.backups = backups
    }

    /// Decodes a manifest file's contents.
    public static func decode(_ data: Data) throws -> BackupManifest {
        try ActionJSON.decoder().decode(BackupManifest.self, from: data)
    }

    /// The pretty-printed file contents, ending with a newline.
    public func encoded() throws -> Data {
        var data = try ActionJSON.encoder(pretty: true).encode(self)
        data.append(0x0A)
        return data
    }

    /// The newest backup that passed verification.
    public var newestVerified: BackupRecord? {
        backups.filter(\.verified).max { $0.created < $1.created }
    }

    /// The record of `file`, if listed.
    public func record(named file: String) -> BackupRecord? {
        backups.first { $0.file == file }
    }

    /// Adds `record` (replacing one of the same file name), keeping the list oldest first.
    public mutating func add(_ record: BackupRecord) {
        backups.removeAll { $0.file == record.file }
        backups.append(record)
        backups.sort { $0.created < $1.created }
    }
}
