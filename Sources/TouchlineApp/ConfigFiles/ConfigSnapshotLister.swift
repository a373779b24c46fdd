import Foundation
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
        for manifest in manifests {
            do throws(ActionFailure) {
                rows.append(try store.row(manifest))
            } catch {
                problems.append(error.message)
            }
        }
        var listing = ConfigSnapshotListing(environment: environment.name, rows: rows, error: problems.first)
        listing.drift = drift(rows.first, environment: environment, config: config)
        return listing
    }

    /// `config drift: app.env changed` (since the newest snapshot, and no action recorded it), or nil.
    static func drift(_ newest: ConfigSnapshotRow?, environment: EnvironmentConfig, config: ConfigFilesConfig) -> String? {
        guard let newest else { return nil }
        let changed = newest.changes.filter { $0.state == .changed || $0.state == .deleted || $0.state == .created }
        guard !changed.isEmpty else { return nil }
        let recorded = AuditLog(stateDirectory: environment.stateDirectory).recent(limit: 200, environment: environment.name)
            .contains { $0.phase == .end && $0.outcome != .refused && recordingActions.contains($0.action) && $0.time > newest.takenAt }
        guard !recorded else { return nil }
        // File names only: the header has room for a short warning; the Config view shows the paths.
        let names = changed.map { "\(URL(fileURLWithPath: $0.path).lastPathComponent) \($0.state.rawValue)" }.joined(separator: ", ")
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
