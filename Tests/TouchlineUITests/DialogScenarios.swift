import Foundation
import TouchlineCore

/// The confirmation dialogs with the platform's real command lines (long: a libpq connection string,
/// a backup path), opened through the reducer as an operator would.
enum DialogScenarios {
    static let file = "football_prediction_staging_20261130_012341.sql.gz"
    static let dsn = "'host=127.0.0.1 port=5432 user=postgres dbname=football_prediction_staging'"
    static let backup = "pg_dump --format=plain --no-owner --no-privileges --clean --if-exists \(dsn) | gzip -c > /work/main/backups/staging/\(file)"
    static let restore = [
        "pg_dump --format=plain --no-owner --no-privileges --clean --if-exists \(dsn) | gzip -c > /work/main/backups/staging/football_prediction_staging_20261130_014501.sql.gz",
        "gzip -dc /work/main/backups/staging/\(file)",
        "psql --single-transaction --set ON_ERROR_STOP=1 --quiet --no-psqlrc \(dsn)",
    ]
    static let restart = "scripts/stack restart api --wait-seconds 30 --port 8001 --release-directory /work/main/.stack/releases/current"

    static func prepared(width: Int, height: Int) -> DashboardState {
        var state = Scenarios.allUp(width: width, height: height)
        let dsnValue = "host=127.0.0.1 port=5432 user=postgres dbname=football_prediction_staging"
        let filePath = "/work/main/backups/staging/{file}"
        state.actions.entries["staging", default: .init()].backup = ActionSpec(
            kind: .backup, environment: "staging", commands: [["pg_dump"], ["gzip", "-c"]], lines: [backup],
            consequence: "writes a new verified backup file and updates manifest.json; the database is only read", confirmation: .yesNo)
        state.actions.entries["staging", default: .init()].restore = ActionSpec(
            kind: .restore, environment: "staging",
            commands: [["pg_dump"], ["gzip", "-c"], ["gzip", "-dc", filePath],
                       ["psql", "--single-transaction", "--set", "ON_ERROR_STOP=1", "--quiet", "--no-psqlrc", dsnValue]],
            lines: [restore[0]], consequence: "", confirmation: .typeEnvironmentName)
        let restartArgv = ["scripts/stack", "restart", "api", "--wait-seconds", "30", "--port", "8001",
                           "--release-directory", "/work/main/.stack/releases/current"]
        state.actions.entries["staging", default: .init()].restarts["api"] = ActionSpec(
            kind: .restart, environment: "staging", target: "api", commands: [restartArgv], lines: [ShellQuote.line(restartArgv)],
            consequence: "api stops and starts again; touchline then waits until its probe is up and reports the time",
            confirmation: .yesNo)
        state.actions.entries["staging", default: .init()].rehearsal = ActionSpec(
            kind: .rehearsal, environment: "staging", commands: [],
            lines: ["preflight: probes up, free disk, pg_dump/psql versions, lock free", backup,
                    "scripts/stack deploy '{newest release}'", "2 functional checks; load: 10 workers for 30s",
                    "scripts/stack rollback '{release before}'", backup,
                    "gzip -dc '/work/main/backups/staging/{the backup above}' | psql --single-transaction --set ON_ERROR_STOP=1 --quiet --no-psqlrc \(dsn)",
                    "verify: probes up, version, row counts"],
            consequence: "backs up, deploys, checks, load-tests, rolls back and restores staging; a report is written",
            confirmation: .typeEnvironmentName)
        state.backupRows = [BackupRow(file: file, created: Scenarios.time(3600), size: 75_264, state: "verified")]
        return state
    }

    /// `b`: the backup dialog.
    static func backupDialog(width: Int, height: Int) -> DashboardState {
        var state = prepared(width: width, height: height)
        _ = DashboardReducer.reduce(&state, .key(.character("b")))
        return state
    }

    /// `s` on the api row: the restart dialog.
    static func restartDialog(width: Int, height: Int) -> DashboardState {
        var state = prepared(width: width, height: height)
        _ = DashboardReducer.reduce(&state, .key(.character("s")))
        return state
    }

    /// `B` then `R` on the newest backup: the restore dialog (typed name).
    static func restoreDialog(width: Int, height: Int) -> DashboardState {
        var state = prepared(width: width, height: height)
        state.overlay = .backups(selected: 0)
        _ = DashboardReducer.reduce(&state, .key(.character("R")))
        return state
    }

    /// `D`: the rehearsal dialog, nine steps of command lines: taller than 80x24.
    static func rehearsalDialog(width: Int, height: Int) -> DashboardState {
        var state = prepared(width: width, height: height)
        _ = DashboardReducer.reduce(&state, .key(.character("D")))
        return state
    }
}
