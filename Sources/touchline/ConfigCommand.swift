import ArgumentParser
import TouchlineApp

/// `touchline config snapshot|snapshots|diff|restore`: the configuration rollback of an environment's listed files.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Snapshots, diffs and restores of an environment's config files ([environments.NAME.config_files]).",
        discussion: exitCodes,
        subcommands: [ConfigSnapshotCommand.self, ConfigSnapshotsCommand.self, ConfigDiffCommand.self, ConfigRestoreCommand.self]
    )

    /// The exit codes every `config` subcommand's help gives.
    static let exitCodes = "Exit codes: 0 done, 1 failed (also a diff of a damaged snapshot), 2 refused (confirmation missing "
        + "or wrong, lock held, damaged snapshot), 3 configuration or usage error (no config_files table, no such snapshot)."
}

/// `touchline config snapshot`: takes a snapshot now and prints its id.
struct ConfigSnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "snapshot",
                                                    abstract: "Snapshot the listed config files now (no lock; audited); prints the id.",
                                                    discussion: ConfigCommand.exitCodes)
    @OptionGroup var options: ConfigOptions
    @Flag(name: .long, help: "Print one JSON object instead of the id.") var json = false

    func run() throws {
        try ConfigFilesHeadless.snapshot(options.load(connectingTo: []).1, json: json)
    }
}

/// `touchline config snapshots`: lists the snapshots, newest first.
struct ConfigSnapshotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "snapshots",
                                                    abstract: "List the snapshots, newest first, and which files differ from now.",
                                                    discussion: ConfigCommand.exitCodes)
    @OptionGroup var options: ConfigOptions
    @Flag(name: .long, help: "Print a JSON list of objects with id, taken_at, trigger, files.") var json = false

    func run() throws {
        try ConfigFilesHeadless.snapshots(options.load(connectingTo: []).1, json: json)
    }
}

/// `touchline config diff SNAPSHOT`: the unified diff against the current files.
struct ConfigDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff",
                                                    abstract: "Unified diff of a snapshot against the current files (secrets masked).",
                                                    discussion: ConfigCommand.exitCodes)
    @OptionGroup var options: ConfigOptions
    @Argument(help: "The snapshot's id (from `touchline config snapshots`).") var snapshot: String

    func run() throws {
        try ConfigFilesHeadless.diff(options.load(connectingTo: []).1, snapshot: snapshot)
    }
}

/// `touchline config restore SNAPSHOT --confirm ENV`: the restore, all or none.
struct ConfigRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore the listed files from a snapshot (safety snapshot first, all or none, sha256 verified, apply_command, probe).",
        discussion: ConfigCommand.exitCodes)
    @OptionGroup var options: ConfigOptions
    @Argument(help: "The snapshot's id (from `touchline config snapshots`).") var snapshot: String
    @Option(name: .long, help: ArgumentHelp("Type the environment's name to confirm (always required).", valueName: "ENVIRONMENT"))
    var confirm: String?
    @Flag(name: .long, help: "Print one JSON object instead of text.") var json = false

    func run() throws {
        try ConfigFilesHeadless.restore(options.load().1, snapshot: snapshot, confirm: confirm, json: json)
    }
}
