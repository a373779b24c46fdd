/// The configuration rollback's two actions: a snapshot (confirmed y/n, no lock, not dangerous) and a restore
/// of one snapshot (dangerous, the environment's name typed, under the lock), whose dialog shows what will
/// change and what runs after.
extension ActionCatalog {
    /// The placeholder of the config restore template's target (the snapshot id).
    public static let snapshotPlaceholder = "{snapshot}"

    /// The snapshot action of `config`.
    static func configSnapshotSpec(_ config: ConfigFilesConfig) -> ActionSpec {
        ActionSpec(kind: .configSnapshot, environment: config.environment, commands: [],
                   lines: ["copy \(CountText.format(config.paths.count, "listed file")) to \(config.directory)/<id> (folder 0700, files 0600)"]
                       + config.paths.map { "  " + ConfigFileNames.name($0, in: config) },
                   consequence: "records each file's bytes, mode, owner, group and sha256; nothing is changed",
                   confirmation: .yesNo)
    }

    /// The restore template of `config`: the apply command as its argv, `{snapshot}` as its target.
    static func configRestoreSpec(_ config: ConfigFilesConfig) -> ActionSpec {
        ActionSpec(kind: .configRestore, environment: config.environment, target: snapshotPlaceholder,
                   commands: config.applyCommand.map { [$0] } ?? [], lines: [], consequence: "",
                   confirmation: .typeEnvironmentName, timeout: config.timeout,
                   waitHealthy: config.probe == nil ? 0 : config.waitHealthy)
    }

    /// The configuration snapshot of `environment`.
    public func configSnapshot(in environment: String) -> ActionSpec? { entries[environment]?.configSnapshot }

    /// The `config_files` table of `environment`.
    public func configFiles(in environment: String) -> ConfigFilesConfig? { entries[environment]?.configFiles }

    /// The restore of the snapshot in `row`: the dialog lists each file a restore writes with its lines added and
    /// removed (snapshot → now), the files it leaves alone, then the apply command and the probe wait.
    public func configRestore(_ row: ConfigSnapshotRow, in environment: String) -> ActionSpec? {
        guard var spec = entries[environment]?.configRestore, let config = entries[environment]?.configFiles else { return nil }
        spec.target = row.id
        let writes = row.restoring
        var lines = ["safety snapshot of the \(CountText.format(config.paths.count, "listed file")) first, then from \(row.id) (\(row.trigger)):"]
        lines += writes.isEmpty ? ["  no file differs: nothing to write"]
            : writes.map { "  write " + $0.summary(name: ConfigFileNames.name($0.path, in: config)) }
        lines += row.changes.filter { $0.state == .created || $0.state == .notInSnapshot }
            .map { "  keep  " + $0.summary(name: ConfigFileNames.name($0.path, in: config)) }
        lines.append("each file: temporary file beside it, fsync, rename; all or none; sha256, mode, owner, group checked")
        if let apply = config.applyCommand {
            lines.append("then run: " + ShellQuote.line(apply))
        } else {
            lines.append("then: no apply_command configured")
        }
        if let probe = config.probe {
            lines.append("then wait up to \(DurationText.format(config.waitHealthy)) for \(probe.name) to be up")
        }
        spec.lines = lines
        let totals = writes.reduce(into: UnifiedDiff.Counts()) {
            $0.added += $1.counts.added
            $0.removed += $1.counts.removed
        }
        spec.consequence = "\(writes.count) of \(CountText.format(config.paths.count, "file")) \(CountText.noun(writes.count, "goes", plural: "go")) back to \(row.id) (\(totals.text) lines)"
        return spec
    }
}
