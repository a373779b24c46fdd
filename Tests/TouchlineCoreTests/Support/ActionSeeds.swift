@testable import TouchlineCore

/// Reducer tests' action catalogs: specs with the given dialog lines, as the catalog would hold them.
extension DashboardState {
    /// Gives the shown environment a backup whose dialog shows `line`.
    mutating func seedBackup(_ line: String) {
        let name = environment.name
        actions.entries[name, default: .init()].backup = ActionSpec(
            kind: .backup, environment: name, commands: [["pg_dump"], ["gzip", "-c"]], lines: [line],
            consequence: "writes a new verified backup file and updates manifest.json; the database is only read",
            confirmation: environment.protected ? .typeEnvironmentName : .yesNo)
    }

    /// Gives the shown environment a rehearsal whose dialog shows `lines`.
    mutating func seedRehearsal(_ lines: [String]) {
        let name = environment.name
        actions.entries[name, default: .init()].rehearsal = ActionSpec(
            kind: .rehearsal, environment: name, commands: [], lines: lines,
            consequence: "backs up, deploys, checks, load-tests, rolls back and restores \(name); a report is written",
            confirmation: .typeEnvironmentName)
    }

    /// Gives the shown environment a restart of `service` running `argv`.
    mutating func seedRestart(_ service: String, argv: [String]) {
        let name = environment.name
        actions.entries[name, default: .init()].restarts[service] = ActionSpec(
            kind: .restart, environment: name, target: service, commands: [argv], lines: [ShellQuote.line(argv)],
            consequence: "\(service) stops and starts again; touchline then waits until its probe is up and reports the time",
            confirmation: environment.protected ? .typeEnvironmentName : .yesNo)
    }

    /// Gives the shown environment a rollback running `argv` (with `{release}`), proven by `probe`.
    mutating func seedRollback(_ argv: [String], probe: String? = nil) {
        let name = environment.name
        actions.entries[name, default: .init()].rollback = ActionSpec(
            kind: .rollback, environment: name, commands: [argv], lines: [ShellQuote.line(argv)], consequence: "",
            confirmation: .typeEnvironmentName)
        actions.entries[name, default: .init()].rollbackProbe = probe
    }

    /// Gives the shown environment a restore: `safetyLine` for its safety backup, then `pipeline` (argv with `{file}`).
    mutating func seedRestore(safetyLine: String, pipeline: [[String]]) {
        let name = environment.name
        actions.entries[name, default: .init()].restore = ActionSpec(
            kind: .restore, environment: name, commands: [["pg_dump"], ["gzip", "-c"]] + pipeline, lines: [safetyLine],
            consequence: "", confirmation: .typeEnvironmentName)
    }
}
