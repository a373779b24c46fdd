import FoundationEssentials
import Glibc
import TouchlineCore

/// The snapshots of one environment's listed config files, in `config_files.directory`: a folder `0700` per
/// snapshot (`ID/manifest.json` and `ID/files/N-NAME`, every file `0600`), written under `ID.partial` and
/// renamed when complete, so a listed snapshot is always whole. Keeps the newest `keep`.
public struct ConfigSnapshotStore: Sendable {
    /// The `config_files` table.
    public let config: ConfigFilesConfig

    /// The store of `config`.
    public init(config: ConfigFilesConfig) {
        self.config = config
    }

    /// The folder of snapshot `id`.
    public func folder(_ id: String) -> String { config.directory + "/" + id }

    /// Takes a snapshot of every listed file now (a missing one is recorded as missing) and removes the oldest
    /// beyond `keep`. Throws when a listed file exists but cannot be read, or the snapshot cannot be written
    /// (nothing is left behind then).
    public func take(trigger: String, takenBy: String, now: Date = Date()) throws(ActionFailure) -> ConfigSnapshotManifest {
        try ConfigFileSystem.makePrivateFolder(config.directory)
        var id = ConfigSnapshotManifest.makeID(at: now, random: UInt16.random(in: 0...UInt16.max))
        while FileManager.default.fileExists(atPath: folder(id)) {
            id = ConfigSnapshotManifest.makeID(at: now, random: UInt16.random(in: 0...UInt16.max))
        }
        let partial = folder(id) + ".partial"
        do throws(ActionFailure) {
            try ConfigFileSystem.makePrivateFolder(partial)
            try ConfigFileSystem.makePrivateFolder(partial + "/files")
            var files: [ConfigSnapshotManifest.File] = []
            for (index, path) in config.paths.enumerated() {
                guard let read = try ConfigFileSystem.read(path) else {
                    files.append(.missing(path))
                    continue
                }
                guard let sha256 = SHA256.hex(of: read.bytes) else {
                    throw ActionFailure("cannot compute the SHA-256 of \(path): libcrypto could not set up its digest")
                }
                let stored = "\(index + 1)-" + URL(fileURLWithPath: path).lastPathComponent
                try ConfigFileSystem.writeNew(partial + "/files/" + stored, read.bytes)
                files.append(ConfigSnapshotManifest.File(
                    path: path, present: true, stored: stored, size: Int64(read.bytes.count), mode: read.mode, uid: read.uid,
                    gid: read.gid, owner: ConfigFileSystem.userName(read.uid), group: ConfigFileSystem.groupName(read.gid),
                    sha256: sha256))
            }
            let manifest = ConfigSnapshotManifest(id: id, environment: config.environment, takenAt: now, trigger: trigger,
                                                  takenBy: takenBy, files: files)
            try ConfigFileSystem.writeNew(partial + "/manifest.json", Array(Self.encode(manifest)))
            DurableFile.syncDirectory(containing: partial + "/files/x")
            guard rename(partial, folder(id)) == 0 else {
                throw ActionFailure(SystemError.text("cannot rename \(partial) to \(folder(id))"))
            }
            DurableFile.syncDirectory(containing: folder(id))
            prune()
            return manifest
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Every complete snapshot, newest first (`.partial` folders and unreadable manifests are skipped), and why
    /// the folder could not be read when it exists but cannot be.
    public func list() -> (manifests: [ConfigSnapshotManifest], error: String?) {
        guard FileManager.default.fileExists(atPath: config.directory) else { return ([], nil) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: config.directory)
        } catch {
            return ([], "cannot read \(config.directory): \(SystemError.text(of: error))")
        }
        let manifests = names.filter { !$0.hasSuffix(".partial") && !$0.hasPrefix(".") }.compactMap { try? manifest($0) }
        return (manifests.sorted { ($0.takenAt, $0.id) > ($1.takenAt, $1.id) }, nil)
    }

    /// The manifest of snapshot `id`; throws when there is none (or it cannot be decoded).
    public func manifest(_ id: String) throws(ActionFailure) -> ConfigSnapshotManifest {
        guard !id.isEmpty, !id.contains("/"), !id.hasPrefix(".") else { throw ActionFailure("'\(id)' is not a snapshot id") }
        let path = folder(id) + "/manifest.json"
        guard let read = try ConfigFileSystem.read(path) else {
            throw ActionFailure("no snapshot \(id) in \(config.directory) (touchline config snapshots lists them)")
        }
        do {
            return try JSONDecoder().decode(ConfigSnapshotManifest.self, from: Data(read.bytes))
        } catch {
            throw ActionFailure("\(path): not a snapshot manifest (\(error))")
        }
    }

    /// The stored bytes of `file` in snapshot `manifest`, checked against its sha256; nil when it was missing.
    public func storedBytes(_ file: ConfigSnapshotManifest.File, in manifest: ConfigSnapshotManifest) throws(ActionFailure) -> [UInt8]? {
        guard file.present else { return nil }
        let path = folder(manifest.id) + "/files/" + file.stored
        guard let read = try ConfigFileSystem.read(path) else { throw ActionFailure("snapshot \(manifest.id) lacks \(file.stored)") }
        guard SHA256.hex(of: read.bytes) == file.sha256 else {
            throw ActionFailure("snapshot \(manifest.id): \(file.stored) does not match its sha256 (the snapshot is damaged)")
        }
        return read.bytes
    }

    /// The paths compared for `manifest`: the listed ones now, then any the snapshot holds that are no longer listed.
    public func comparedPaths(_ manifest: ConfigSnapshotManifest) -> [String] {
        config.paths + manifest.files.map(\.path).filter { !config.paths.contains($0) }
    }

    /// How every compared file differs from `manifest` now; `current` holds files already read (by path), and
    /// gains the ones read here, so a listing reads each current file once.
    public func changes(_ manifest: ConfigSnapshotManifest,
                        current: inout [String: ConfigDiff.Side]) throws(ActionFailure) -> [ConfigFileChange] {
        var changes: [ConfigFileChange] = []
        for path in comparedPaths(manifest) {
            let then = try snapshotSide(path, manifest)
            let now: ConfigDiff.Side
            if let known = current[path] {
                now = known
            } else {
                now = try ConfigFileSystem.side(path)
                current[path] = now
            }
            changes.append(ConfigDiff.change(path: path, snapshot: then, current: now))
        }
        return changes
    }

    /// How every compared file differs from `manifest` now.
    public func changes(_ manifest: ConfigSnapshotManifest) throws(ActionFailure) -> [ConfigFileChange] {
        var current: [String: ConfigDiff.Side] = [:]
        return try changes(manifest, current: &current)
    }

    /// The unified diff of `manifest` against the current files, secrets masked.
    public func diff(_ manifest: ConfigSnapshotManifest) throws(ActionFailure) -> [DiffLine] {
        var lines: [DiffLine] = []
        for path in comparedPaths(manifest) {
            let (then, now) = try sides(path, manifest)
            lines += ConfigDiff.lines(path: path, name: ConfigFileNames.name(path, in: config), snapshot: then, current: now)
        }
        return lines
    }

    /// The Config view's row of `manifest`.
    public func row(_ manifest: ConfigSnapshotManifest) throws(ActionFailure) -> ConfigSnapshotRow {
        ConfigSnapshotRow(id: manifest.id, takenAt: manifest.takenAt, trigger: manifest.trigger, changes: try changes(manifest))
    }

    private func sides(_ path: String, _ manifest: ConfigSnapshotManifest) throws(ActionFailure) -> (ConfigDiff.Side, ConfigDiff.Side) {
        (try snapshotSide(path, manifest), try ConfigFileSystem.side(path))
    }

    /// The snapshot's side of `path`: its stored bytes (checked), missing, or not listed.
    private func snapshotSide(_ path: String, _ manifest: ConfigSnapshotManifest) throws(ActionFailure) -> ConfigDiff.Side {
        guard let file = manifest.file(path) else { return .notListed }
        return try storedBytes(file, in: manifest).map { .bytes($0) } ?? .missing
    }

    /// Deletes the oldest snapshots beyond `keep`.
    private func prune() {
        for old in list().manifests.dropFirst(config.keep) {
            try? FileManager.default.removeItem(atPath: folder(old.id))
        }
    }

    /// The manifest as pretty JSON with sorted keys.
    static func encode(_ manifest: ConfigSnapshotManifest) throws(ActionFailure) -> Data {
        let encoder = JSONOutput.encoder(pretty: true)
        do {
            return try encoder.encode(manifest) + Data("\n".utf8)
        } catch {
            throw ActionFailure("cannot encode the snapshot manifest: \(error)")
        }
    }
}
