import ArgumentParser
import FoundationEssentials
import TouchlineCore
import TouchlineOps

/// What `touchline config snapshot|snapshots|diff|restore` do, behind their declarations: exit 0 done, 1 failed,
/// 2 refused, 3 configuration or usage error (no `config_files` table, no such snapshot).
public enum ConfigFilesHeadless {
    /// The environment's `config_files` table, or a usage error (exit 3) naming the table to add.
    static func config(_ environment: EnvironmentConfig, command: String) throws -> ConfigFilesConfig {
        guard let config = environment.actions.configFiles else {
            StandardError.write("touchline config \(command): no config_files configured: add [environments.\(environment.name).config_files] with paths = [...]")
            throw ExitCode(ExitStatus.usage)
        }
        return config
    }

    /// `config snapshot`: takes one (trigger `manual`), prints its id (or the JSON report: the snapshot's object as
    /// `config snapshots` lists it — `id`, `taken_at`, `trigger`, `taken_by`, `files` — with `ok`, `outcome`,
    /// `message`, `missing`).
    public static func snapshot(_ environment: EnvironmentConfig, json: Bool) throws {
        let config = try config(environment, command: "snapshot")
        let headless = HeadlessAction(command: "config snapshot", action: ConfigSnapshotAction.name, environment: environment, json: json)
        try headless.coordinationPreflight()
        let (report, manifest) = ConfigSnapshotAction(environment: environment, config: config).perform(trigger: "manual")
        guard report.ok, let manifest else { return try headless.finish(report) }
        guard json else { return HeadlessAction.output(manifest.id) }
        var current: [String: ConfigDiff.Side] = [:]
        var full = report
        full.figures.merge(object(manifest, store: ConfigSnapshotStore(config: config), current: &current)) { _, listed in listed }
        headless.write(full)
    }

    /// A snapshot as a JSON object: `id`, `taken_at`, `trigger`, `taken_by`, and `files` (path, present, size,
    /// mode, owner, group, sha256, and `now`: how the file differs from the snapshot now).
    /// A snapshot that cannot be compared (a stored file no longer matches its sha256) has `error`, and its
    /// files `now: unknown`.
    static func object(_ manifest: ConfigSnapshotManifest, store: ConfigSnapshotStore,
                       current: inout [String: ConfigDiff.Side]) -> [String: JSONValue] {
        var problem: String?
        var changes: [ConfigFileChange] = []
        do throws(ActionFailure) {
            changes = try store.changes(manifest, current: &current)
        } catch {
            problem = error.message
        }
        let files: [JSONValue] = manifest.files.map { file in
            let state = changes.first { $0.path == file.path }?.state.rawValue ?? "unknown"
            return .object(["path": .string(file.path), "present": .bool(file.present), "size": .integer(file.size),
                            "mode": .string(String(file.mode, radix: 8)), "owner": .string(file.owner),
                            "group": .string(file.group), "sha256": .string(file.sha256), "now": .string(state)])
        }
        var object: [String: JSONValue] = ["id": .string(manifest.id), "taken_at": .string(ConfigSnapshotManifest.isoText(manifest.takenAt)),
                                           "trigger": .string(manifest.trigger), "taken_by": .string(manifest.takenBy), "files": .array(files)]
        if let problem { object["error"] = .string(problem) }
        return object
    }

    /// `config snapshots`: newest first, as text or a JSON list of objects with `id`, `taken_at`, `trigger`, `files`.
    public static func snapshots(_ environment: EnvironmentConfig, json: Bool) throws {
        let config = try config(environment, command: "snapshots")
        let store = ConfigSnapshotStore(config: config)
        let (manifests, error) = store.list()
        if let error {
            StandardError.write("touchline config snapshots: \(error)")
            throw ExitCode(ExitStatus.failed)
        }
        var current: [String: ConfigDiff.Side] = [:]
        if json {
            let list: [JSONValue] = manifests.map { .object(object($0, store: store, current: &current)) }
            HeadlessAction.output(BackupOutput.render(.array(list)))
            return
        }
        guard !manifests.isEmpty else {
            HeadlessAction.output("\(environment.name): no config snapshots yet in \(config.directory)")
            return
        }
        // The trigger column is as wide as the longest trigger (`before config restore of ID` is 46 characters).
        let triggerWidth = max(30, manifests.map { DisplayWidth.of($0.trigger) }.max() ?? 0) + 1
        HeadlessAction.output("ID                      TAKEN (UTC)               " + DisplayWidth.pad("TRIGGER", to: triggerWidth) + "DIFFERS FROM NOW")
        for manifest in manifests {
            let differs: String
            do throws(ActionFailure) {
                let differing = try store.changes(manifest, current: &current).filter { $0.state != .unchanged }
                differs = differing.isEmpty ? "-" : differing.map { $0.summary(name: ConfigFileNames.name($0.path, in: config)) }
                    .joined(separator: ", ")
            } catch {
                differs = "cannot compare: \(error.message)"
            }
            HeadlessAction.output(DisplayWidth.pad(manifest.id, to: 24) + DisplayWidth.pad(ConfigSnapshotManifest.isoText(manifest.takenAt), to: 26)
                                  + DisplayWidth.pad(manifest.trigger, to: triggerWidth) + differs)
        }
    }

    /// `config diff SNAPSHOT`: the unified diff of the snapshot against the current files, secrets masked. No such
    /// snapshot is a usage error (3); a damaged one, or a file that cannot be read, a failure (1).
    public static func diff(_ environment: EnvironmentConfig, snapshot: String) throws {
        let config = try config(environment, command: "diff")
        let store = ConfigSnapshotStore(config: config)
        let manifest: ConfigSnapshotManifest
        do throws(ActionFailure) {
            manifest = try store.manifest(snapshot)
        } catch {
            StandardError.write("touchline config diff: \(error.message)")
            throw ExitCode(ExitStatus.usage)
        }
        do throws(ActionFailure) {
            HeadlessAction.output(try store.diff(manifest).map(\.text).joined(separator: "\n"))
        } catch {
            StandardError.write("touchline config diff: \(error.message)")
            throw ExitCode(ExitStatus.failed)
        }
    }

    /// `config restore SNAPSHOT --confirm ENV`: the dialog's lines on standard error, then the restore.
    public static func restore(_ environment: EnvironmentConfig, snapshot: String, confirm: String?, json: Bool) throws {
        let config = try config(environment, command: "restore")
        let headless = HeadlessAction(command: "config restore", action: ConfigRestoreAction.name, environment: environment, json: json)
        let store = ConfigSnapshotStore(config: config)
        let manifest: ConfigSnapshotManifest
        do throws(ActionFailure) {
            manifest = try store.manifest(snapshot)
        } catch {
            throw headless.usage(error.message)
        }
        let row: ConfigSnapshotRow
        do throws(ActionFailure) {
            row = try store.row(manifest)
        } catch {
            // A damaged snapshot (or a file that cannot be read): the action refuses it, audited, touching nothing.
            let report = ConfigRestoreAction(environment: environment, config: config).perform(snapshot: snapshot) { StandardError.write($0) }
            return try headless.finish(report)
        }
        guard let spec = headless.catalog.configRestore(row, in: environment.name) else {
            throw headless.usage("no config_files configured for \(environment.name)")
        }
        let rules = ActionConfirmationRules(environment: environment, confirm: confirm, yes: false, typedNameAlways: true)
        try headless.requireConfirmation(rules, verb: "config restore \(snapshot)", spec: spec, figures: ["snapshot": .string(snapshot)])
        let action = ConfigRestoreAction(environment: environment, config: config)
        let signals = SignalCancellation(giveUpAfter: ConfigRestoreRunner.giveUpSeconds, command: "config restore") { action.cancel(reason: $0) }
        let report = action.perform(snapshot: snapshot) { StandardError.write($0) }
        signals.stop()
        try headless.finish(report)
    }
}
