import FoundationEssentials
import TouchlineCore
import TouchlineOps

/// Reads an environment's config snapshots for the Config view (each compared with the current files) and
/// decides the header's drift warning: the files differ from the newest snapshot and no touchline action that
/// changes them (a deploy, rollback, rehearsal or config restore) ended since it was taken.
public enum ConfigSnapshotLister {
    /// The actions that change config files and record it.
    static let recordingActions: Set<String> = ["deploy", "rollback", "rehearsal", ActionKind.configRestore.name]

    /// The listing of `environment` (empty when it lists no config files).
    public static func listing(_ environment: EnvironmentConfig) -> ConfigSnapshotListing {
        guard let config = environment.actions.configFiles else { return ConfigSnapshotListing(environment: environment.name, rows: []) }
        let store = ConfigSnapshotStore(config: config)
        let (manifests, error) = store.list()
        var rows: [ConfigSnapshotRow] = []
        var problems: [String] = error.map { [$0] } ?? []
        var current: [String: ConfigDiff.Side] = [:]
        for manifest in manifests {
            do throws(ActionFailure) {
                rows.append(ConfigSnapshotRow(id: manifest.id, takenAt: manifest.takenAt, trigger: manifest.trigger,
                                              changes: try store.changes(manifest, current: &current)))
            } catch {
                problems.append(error.message)
            }
        }
        var listing = ConfigSnapshotListing(environment: environment.name, rows: rows, error: problems.first)
        listing.drift = drift(rows.first, environment: environment, config: config)
        return listing
    }

    /// `config drift: app.env changed` when a listed file differs from the newest snapshot and changed after the
    /// last thing that recorded a change: the snapshot itself, or a deploy, rollback, rehearsal or config restore
    /// that ended after it (a changed file's modification time is compared; a deleted file counts as drift unless
    /// such an action ended after the snapshot). Nil otherwise.
    static func drift(_ newest: ConfigSnapshotRow?, environment: EnvironmentConfig, config: ConfigFilesConfig) -> String? {
        guard let newest else { return nil }
        let changed = newest.changes.filter { $0.state == .changed || $0.state == .deleted || $0.state == .created }
        guard !changed.isEmpty else { return nil }
        // Only actions that ran (a start record): a refusal or a dialog cancelled changed nothing.
        let records = AuditLog(stateDirectory: environment.stateDirectory).recent(limit: 200, environment: environment.name)
        let started = Set(records.filter { $0.phase == .start }.map(\.id))
        let lastRecorded = records
            .filter { $0.phase == .end && started.contains($0.id) && recordingActions.contains($0.action) && $0.time > newest.takenAt }
            .map(\.time).max()
        let unrecorded = changed.filter { change in
            guard let recorded = lastRecorded else { return true }
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: change.path))?[.modificationDate] as? Date else {
                return false
            }
            return modified > recorded
        }
        guard !unrecorded.isEmpty else { return nil }
        // File names only: the header has room for a short warning; the Config view shows the paths.
        let names = unrecorded.map { "\(URL(fileURLWithPath: $0.path).lastPathComponent) \($0.state.rawValue)" }.joined(separator: ", ")
        return "config drift: \(names)"
    }

    /// The masked diff of snapshot `id` of `environment` against the current files (an error as a note line).
    public static func diff(_ environment: EnvironmentConfig, id: String) -> ConfigDiffText {
        guard let config = environment.actions.configFiles else {
            return ConfigDiffText(snapshot: id, lines: [DiffLine(.note, "no config_files configured")])
        }
        let store = ConfigSnapshotStore(config: config)
        do throws(ActionFailure) {
            return ConfigDiffText(snapshot: id, lines: try store.diff(try store.manifest(id)))
        } catch {
            return ConfigDiffText(snapshot: id, lines: [DiffLine(.note, "cannot diff \(id): \(error.message)")])
        }
    }
}
