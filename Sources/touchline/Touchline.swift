import ArgumentParser
import TouchlineApp

/// The root command: a terminal operations console for the Football Prediction platform.
struct Touchline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "touchline",
        abstract: "Terminal operations console: health probes, dashboard and operator actions.",
        discussion: """
            Exit codes of `touchline check`: 0 all up, 1 degraded, 2 down, 3 configuration or usage error.
            Exit codes of the actions (backup, restore, restart, rollback, rehearse, config restore, cancel-query, \
            terminate-session, silence, expire-silence): 0 ok, 1 ran and failed or was cancelled, 2 refused, \
            3 configuration or usage error. Every command's --help gives its own; a usage error is one line naming the command.
            The config is looked up in --config, $TOUCHLINE_CONFIG, ./config.toml, \
            $XDG_CONFIG_HOME/touchline/config.toml.
            Exit codes of `touchline alerts`: 0 none firing, 1 only warnings, 2 a critical or the source unreadable, 3 usage.
            `touchline --version` prints the version (and the git revision when run from a checkout).
            """,
        subcommands: [DashboardCommand.self, CheckCommand.self, BackupCommand.self, BackupsCommand.self, RestoreCommand.self,
                      RestartCommand.self, ReleasesCommand.self, RollbackCommand.self, AuditCommand.self, RehearseCommand.self, SnapshotCommand.self,
                      RedisInfoCommand.self, LockCommand.self, CoordinationCommand.self, ConfigCommand.self, LogsCommand.self,
                      SessionsCommand.self, CancelQueryCommand.self, TerminateSessionCommand.self,
                      AlertsCommand.self, SilencesCommand.self, SilenceCommand.self, ExpireSilenceCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}
