import FoundationEssentials

/// Every operator action the config defines, as ``ActionSpec`` values built once, purely, from the parsed
/// action tables (``EnvironmentActions``): the dashboard's state holds it, the dialogs show its specs and the
/// confirmed dialog hands the spec to the runner.
///
/// The two actions whose argv depends on the operator's choice keep a template whose argv holds a placeholder
/// (`{release}`, `{file}`), filled in argv by ``rollback(to:current:in:)`` and ``restore(file:in:)`` before any
/// quoting, so a choice is never pasted into an already quoted line.
public struct ActionCatalog: Sendable, Equatable {
    /// The actions of one environment.
    public struct Entry: Sendable, Equatable {
        /// The backup, when the environment has a `backup` table.
        public var backup: ActionSpec?
        /// The restarts by service (probe) name.
        public var restarts: [String: ActionSpec] = [:]
        /// The rollback with `{release}` in its argv, when the environment has a `rollback` table.
        public var rollback: ActionSpec?
        /// The probe whose version field proves the rollback's release (and shows the running one).
        public var rollbackProbe: String?
        /// The restore with `{file}` in its argv (the safety backup, then the restore pipeline); needs `backup`.
        public var restore: ActionSpec?
        /// The rehearsal, when the environment has `rehearsal`, `backup` and `rollback` tables.
        public var rehearsal: ActionSpec?
        /// The configuration snapshot and the restore template (`{snapshot}`), when `config_files` is configured.
        public var configSnapshot: ActionSpec?
        public var configRestore: ActionSpec?
        /// The `config_files` table itself (file names and the apply step for the restore dialog).
        public var configFiles: ConfigFilesConfig?

        /// Creates an entry.
        public init(backup: ActionSpec? = nil, restarts: [String: ActionSpec] = [:], rollback: ActionSpec? = nil,
                    rollbackProbe: String? = nil, restore: ActionSpec? = nil, rehearsal: ActionSpec? = nil) {
            self.backup = backup
            self.restarts = restarts
            self.rollback = rollback
            self.rollbackProbe = rollbackProbe
            self.restore = restore
            self.rehearsal = rehearsal
        }
    }

    /// The placeholder of the rollback template's argv.
    public static let releasePlaceholder = "{release}"
    /// The placeholder of the restore template's argv (the backup file's name).
    public static let filePlaceholder = "{file}"

    /// The entries by environment name.
    public var entries: [String: Entry]

    /// A catalog of the given entries (none: no actions anywhere).
    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// The catalog of `environments`' parsed action tables; `compressor` is the one backups will use (the
    /// caller looks on `PATH` for pigz: ``BackupCommandLine/Compressor``).
    public init(environments: [EnvironmentConfig], compressor: BackupCommandLine.Compressor = .gzip) {
        var entries: [String: Entry] = [:]
        for environment in environments {
            entries[environment.name] = Self.entry(environment, compressor: compressor)
        }
        self.init(entries: entries)
    }

    /// Whether `kind` may open now: a dangerous action is refused in read-only mode and in a locked protected
    /// environment — the one filter over ``ActionKind/isDangerous``.
    public static func permits(_ kind: ActionKind, readOnly: Bool, locked: Bool) -> Bool {
        !kind.isDangerous || (!readOnly && !locked)
    }

    /// The kinds `environment` defines that may open now (``permits(_:readOnly:locked:)``).
    public func available(in environment: String, readOnly: Bool, locked: Bool) -> [ActionKind] {
        guard let entry = entries[environment] else { return [] }
        let defined: [ActionKind: Bool] = [.backup: entry.backup != nil, .restore: entry.restore != nil,
                                           .restart: !entry.restarts.isEmpty, .rollback: entry.rollback != nil,
                                           .rehearsal: entry.rehearsal != nil, .configSnapshot: entry.configSnapshot != nil,
                                           .configRestore: entry.configRestore != nil]
        return ActionKind.allCases.filter { defined[$0] == true && Self.permits($0, readOnly: readOnly, locked: locked) }
    }

    /// The backup of `environment`.
    public func backup(in environment: String) -> ActionSpec? { entries[environment]?.backup }

    /// The restart of `service` in `environment`.
    public func restart(_ service: String, in environment: String) -> ActionSpec? { entries[environment]?.restarts[service] }

    /// Whether `environment` has a rollback.
    public func hasRollback(in environment: String) -> Bool { entries[environment]?.rollback != nil }

    /// The probe that proves `environment`'s rollback.
    public func rollbackProbe(in environment: String) -> String? { entries[environment]?.rollbackProbe }

    /// The rehearsal of `environment`.
    public func rehearsal(in environment: String) -> ActionSpec? { entries[environment]?.rehearsal }

    /// The rollback of `environment` to `release` (one the list command printed), from `current` when known.
    public func rollback(to release: String, current: String?, in environment: String) -> ActionSpec? {
        guard var spec = entries[environment]?.rollback else { return nil }
        spec.target = release
        spec.commands = Self.fill(spec.commands, Self.releasePlaceholder, with: release)
        spec.lines = spec.commands.map(ShellQuote.line)
        spec.consequence = "the application moves from \(current ?? "an unknown release") to \(release); "
            + "done when the probe reports \(release)"
        return spec
    }

    /// Whether `environment` has a restore.
    public func hasRestore(in environment: String) -> Bool { entries[environment]?.restore != nil }

    /// The restore of `environment` from the backup named `file` (in its backup directory): the safety backup's
    /// line as in the template, then the restore pipeline with the file filled in.
    public func restore(file: String, in environment: String) -> ActionSpec? {
        guard var spec = entries[environment]?.restore else { return nil }
        spec.target = file
        spec.commands = Self.fill(spec.commands, Self.filePlaceholder, with: file)
        let pipeline = spec.commands.suffix(2)
        spec.lines = Array(spec.lines.prefix(1)) + [ShellQuote.pipeline(Array(pipeline))]
        spec.consequence = "takes a safety backup, then replaces the database with \(file) in one transaction and verifies row counts"
        return spec
    }

    private static func fill(_ commands: [[String]], _ placeholder: String, with value: String) -> [[String]] {
        commands.map { argv in argv.map { $0.replacing(placeholder, with: value) } }
    }

    private static func entry(_ environment: EnvironmentConfig, compressor: BackupCommandLine.Compressor) -> Entry {
        let name = environment.name
        let actions = environment.actions
        let byProtection: ActionSpec.Confirmation = environment.protected ? .typeEnvironmentName : .yesNo
        var entry = Entry()
        var backupLine: String?
        if let backup = actions.backup {
            let commands = BackupCommandLine.preview(backup, compressor: compressor)
            let line = BackupCommandLine.display(commands, output: BackupCommandLine.previewOutput(backup))
            backupLine = line
            entry.backup = ActionSpec(kind: .backup, environment: name, commands: commands, lines: [line],
                                      consequence: "writes a new verified backup file and updates manifest.json; the database is only read",
                                      confirmation: byProtection, timeout: backup.timeout)
            let path = URL(fileURLWithPath: backup.directory).appendingPathComponent(filePlaceholder).path
            entry.restore = ActionSpec(kind: .restore, environment: name, commands: commands + RestoreCommandLine.pipeline(path, dsn: backup.dsn),
                                       lines: [line], consequence: "", confirmation: .typeEnvironmentName, timeout: backup.timeout)
        }
        for (service, restart) in actions.restarts {
            entry.restarts[service] = ActionSpec(
                kind: .restart, environment: name, target: service, commands: [restart.command], lines: [ShellQuote.line(restart.command)],
                consequence: "\(service) stops and starts again; touchline then waits until its probe is up and reports the time",
                confirmation: byProtection, timeout: restart.timeout, waitHealthy: restart.waitHealthy)
        }
        if let rollback = actions.rollback {
            entry.rollback = ActionSpec(kind: .rollback, environment: name, commands: [rollback.command],
                                        lines: [ShellQuote.line(rollback.command)], consequence: "",
                                        confirmation: .typeEnvironmentName, timeout: rollback.timeout, waitHealthy: rollback.waitHealthy)
            entry.rollbackProbe = rollback.probe.name
        }
        if let rehearsal = actions.rehearsal, let rollback = actions.rollback, let backupLine,
           let backup = actions.backup {
            let release = rehearsal.release ?? "{newest release}"
            let restorePath = URL(fileURLWithPath: backup.directory).appendingPathComponent("{the backup above}").path
            let lines = ["preflight: probes up, free disk, pg_dump/psql versions, lock free", backupLine,
                         ShellQuote.line(rehearsal.deployCommand(for: release)),
                         "\(rehearsal.checks.count) functional checks; load: \(rehearsal.load.concurrency) workers for "
                            + DurationText.format(rehearsal.load.duration),
                         ShellQuote.line(rollback.command(for: "{release before}"))]
                + (actions.configFiles.map { ["config rollback: the \(CountText.format($0.paths.count, "listed file")) back to the snapshot taken before the deploy (sha256 verified)"] } ?? [])
                + [backupLine, ShellQuote.pipeline(RestoreCommandLine.pipeline(restorePath, dsn: backup.dsn)),
                         "verify: probes up, version, row counts"]
            entry.rehearsal = ActionSpec(kind: .rehearsal, environment: name, commands: [], lines: lines,
                                         consequence: "backs up, deploys, checks, load-tests, rolls back and restores \(name); a report is written",
                                         confirmation: .typeEnvironmentName, timeout: rehearsal.timeout,
                                         waitHealthy: rehearsal.waitHealthy)
        }
        entry.configSnapshot = actions.configFiles.map { configSnapshotSpec($0) }
        entry.configRestore = actions.configFiles.map { configRestoreSpec($0) }
        entry.configFiles = actions.configFiles
        return entry
    }
}
