import FoundationEssentials
import Glibc
import TouchlineCore

/// Reads and rewrites `manifest.json` of a backup directory (always by temporary file and rename), and
/// applies retention. Callers that change it hold the environment's ``ActionLock``.
public enum BackupManifestStore {
    /// The manifest's path in `directory`.
    public static func path(directory: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(BackupManifest.fileName).path
    }

    /// The manifest of `directory` (empty when there is none) and, when the file could not be decoded,
    /// a warning; an undecodable manifest is moved aside to `manifest.json.unreadable-<stamp>` first.
    public static func load(directory: String, now: Date = Date()) -> (manifest: BackupManifest, warning: String?) {
        let file = path(directory: directory)
        let data: Data
        do {
            data = Data(try BoundedFile.read(file, limit: BoundedFile.stateFileLimit))
        } catch {
            // Missing: a new manifest. Not a regular file, too large, unreadable: said, and left where it is.
            return (BackupManifest(), error == .missing ? nil : "\(error.message(for: file)); starting a new manifest")
        }
        do {
            return (try BackupManifest.decode(data), nil)
        } catch {
            let aside = "\(file).unreadable-\(BackupFileName.stamp(now))"
            let moved = rename(file, aside) == 0
            let warning = "\(file) could not be read (\(error)); " + (moved ? "moved to \(aside), starting a new manifest" : "starting a new manifest")
            return (BackupManifest(), warning)
        }
    }

    /// Writes `manifest` atomically.
    public static func save(_ manifest: BackupManifest, directory: String) throws(ActionFailure) {
        let data: Data
        do {
            data = try manifest.encoded()
        } catch {
            throw ActionFailure("cannot encode the manifest: \(error)")
        }
        try DurableFile.replace(path(directory: directory), with: data)
    }

    /// Lists `record`, applies retention (`keepDays` at `now`), saves the manifest, then deletes the expired
    /// files. Returns the expired records and warnings (e.g. a file that could not be deleted).
    public static func add(_ record: BackupRecord, directory: String, keepDays: Int,
                           now: Date = Date()) throws(ActionFailure) -> (expired: [BackupRecord], warnings: [String]) {
        var (manifest, warning) = load(directory: directory, now: now)
        manifest.add(record)
        let plan = BackupRetention.plan(manifest.backups, keepDays: keepDays, now: now)
        manifest.backups = plan.keep
        try save(manifest, directory: directory)
        var warnings = warning.map { [$0] } ?? []
        for expired in plan.expire {
            let file = URL(fileURLWithPath: directory).appendingPathComponent(expired.file).path
            if unlink(file) != 0 && errno != ENOENT {
                warnings.append(SystemError.text("retention could not delete \(file)"))
            }
        }
        if !plan.expire.isEmpty { DurableFile.syncDirectory(containing: path(directory: directory)) }
        return (plan.expire, warnings)
    }

    /// Records whether `file` passed a new verification (e.g. before a restore).
    public static func setVerified(_ verified: Bool, file: String, directory: String) throws(ActionFailure) {
        var (manifest, _) = load(directory: directory)
        guard let index = manifest.backups.firstIndex(where: { $0.file == file }) else {
            throw ActionFailure("\(file) is not listed in \(path(directory: directory))")
        }
        manifest.backups[index].verified = verified
        try save(manifest, directory: directory)
    }
}
