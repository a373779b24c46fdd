import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What a backup directory holds, for the Backups view and `touchline backup --list`: the manifest's
/// records checked against the files really there, newest first.
public struct BackupInventory: Sendable, Equatable {
    /// How far a backup can be trusted.
    public enum State: String, Sendable, Equatable {
        /// Listed, present with the listed size, and verified when written.
        case verified
        /// Listed and present, but verification failed or never ran.
        case unverified
        /// Listed, but the file is gone.
        case missing
        /// Present, but its size differs from the manifest's: it changed after it was written.
        case sizeMismatch = "size-mismatch"
        /// A backup file the manifest does not list (copied in by hand, or left by a crash while updating it).
        case unlisted
    }

    /// One backup.
    public struct Entry: Sendable, Equatable {
        /// The file name inside the directory.
        public var file: String
        /// When it was created (the manifest's date, or the file's modification time when unlisted).
        public var created: Date
        /// Seconds between `created` and the moment the inventory was taken.
        public var age: Double
        /// Bytes on disk (the manifest's size when the file is missing).
        public var size: Int64
        /// Its state.
        public var state: State
        /// The manifest record, when listed.
        public var record: BackupRecord?
    }

    /// A file found in the directory.
    public struct FileFact: Sendable, Equatable {
        /// The file's name.
        public var name: String
        /// Its size in bytes.
        public var size: Int64
        /// Its modification time.
        public var modified: Date

        /// Creates a fact.
        public init(name: String, size: Int64, modified: Date) {
            self.name = name
            self.size = size
            self.modified = modified
        }
    }

    /// The folder described.
    public var directory: String
    /// The backups, newest first.
    public var entries: [Entry]
    /// Why the manifest could not be read, when it could not (a missing manifest is no problem).
    public var manifestProblem: String?

    /// Combines `manifest` with the `files` of the directory, as seen at `now`. Pure.
    public static func build(directory: String, manifest: BackupManifest, files: [FileFact], now: Date,
                             manifestProblem: String? = nil) -> BackupInventory {
        let present = Dictionary(files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [Entry] = manifest.backups.map { record in
            let state: State
            if let file = present[record.file] {
                if file.size != record.size {
                    state = .sizeMismatch
                } else {
                    state = record.verified ? .verified : .unverified
                }
            } else {
                state = .missing
            }
            return Entry(file: record.file, created: record.created, age: now.timeIntervalSince(record.created),
                         size: present[record.file]?.size ?? record.size, state: state, record: record)
        }
        let listed = Set(manifest.backups.map(\.file))
        for file in files where BackupFileName.isBackup(file.name) && !listed.contains(file.name) {
            entries.append(Entry(file: file.name, created: file.modified, age: now.timeIntervalSince(file.modified),
                                 size: file.size, state: .unlisted, record: nil))
        }
        entries.sort { $0.created == $1.created ? $0.file > $1.file : $0.created > $1.created }
        return BackupInventory(directory: directory, entries: entries, manifestProblem: manifestProblem)
    }

    /// Reads `directory` and its manifest as they are at `now`. A missing directory is an empty inventory.
    public static func load(directory: String, now: Date = Date()) -> BackupInventory {
        let manifestPath = URL(fileURLWithPath: directory).appendingPathComponent(BackupManifest.fileName).path
        var manifest = BackupManifest()
        var problem: String?
        do {
            let bytes = try BoundedFile.read(manifestPath, limit: BoundedFile.stateFileLimit)
            do {
                manifest = try BackupManifest.decode(Data(bytes))
            } catch {
                problem = "\(manifestPath) cannot be read: \(error)"
            }
        } catch {
            if error != .missing { problem = error.message(for: manifestPath) }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let files: [FileFact] = names.compactMap { name in
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            var facts = stat()
            guard stat(path, &facts) == 0, (facts.st_mode & S_IFMT) == S_IFREG else { return nil }
            let modified = Date(timeIntervalSince1970: Double(facts.st_mtim.tv_sec) + Double(facts.st_mtim.tv_nsec) / 1e9)
            return FileFact(name: name, size: Int64(facts.st_size), modified: modified)
        }
        return build(directory: directory, manifest: manifest, files: files, now: now, manifestProblem: problem)
    }

    /// The newest backup that is present and verified.
    public var newestVerified: Entry? {
        entries.first { $0.state == .verified }
    }

    /// A one-line warning for the header when there is no verified backup, or the newest verified one is
    /// The entries as the Backups view and snapshots list them, newest first.
    public var rows: [BackupRow] {
        entries.sorted { $0.created > $1.created }.map {
            BackupRow(file: $0.file, created: $0.created, size: $0.size, state: $0.state.rawValue,
                      origin: $0.record?.shownOrigin ?? .unknown, restoring: $0.record?.restoring)
        }
    }

    /// older than `maxAge` seconds (default: a day); nil when all is well.
    public func freshnessWarning(maxAge: Double = 86_400) -> String? {
        guard let newest = newestVerified else {
            return entries.isEmpty ? "no backups yet" : "no verified backup (\(entries.count) unverified or damaged)"
        }
        guard newest.age > maxAge else { return nil }
        return "newest verified backup is \(AgeText.format(newest.age)) old (\(newest.file))"
    }
}
