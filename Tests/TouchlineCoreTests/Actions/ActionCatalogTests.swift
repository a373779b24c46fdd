import Foundation
import Testing
@testable import TouchlineCore

/// The action catalog: every action table as specs built once from the loaded config, the one read-only/locked
/// filter, and the reducer's dialog and effect carrying the very spec the catalog built.
@Suite("Action catalog")
struct ActionCatalogTests {
    static let text = """
        default_environment = "staging"
        [environments.staging]
        [[environments.staging.probes]]
        name = "api"
        kind = "http"
        url = "http://127.0.0.1:8001/health"
        version_field = "version"
        [[environments.staging.probes]]
        name = "postgres"
        kind = "postgres"
        dsn = "host=127.0.0.1 port=5433 dbname=app user=app_user"
        [environments.staging.backup]
        probe = "postgres"
        directory = "/var/backups/staging"
        timeout = "10m"
        [environments.staging.restart.api]
        command = ["scripts/stack", "restart", "api", "with note"]
        wait_healthy = "20s"
        [environments.staging.rollback]
        probe = "api"
        list_command = ["scripts/stack", "releases"]
        command = ["scripts/stack", "rollback", "--to={release}"]
        [environments.staging.rehearsal]
        deploy_command = ["scripts/stack", "deploy", "{release}"]
        release = "1.6.0"

        [environments.production]
        protected = true
        [[environments.production.probes]]
        name = "postgres"
        kind = "postgres"
        dsn = "host=db dbname=app user=app"
        [environments.production.backup]
        probe = "postgres"
        directory = "/var/backups/production"
        """

    static func config() throws -> TouchlineConfig {
        try ConfigLoader.parse(text, file: "/etc/touchline/config.toml", baseDirectory: "/etc/touchline", environment: [:])
    }

    @Test("backup: the argv pg_dump and gzip get, shown as one line; y/n unprotected, the typed name when protected")
    func backup() throws {
        let config = try Self.config()
        let catalog = ActionCatalog(environments: config.environments)
        let staging = try #require(config.environment(named: "staging")?.actions.backup)
        let spec = try #require(catalog.backup(in: "staging"))
        #expect(spec.kind == .backup && spec.environment == "staging" && spec.target == nil)
        #expect(spec.commands == BackupCommandLine.preview(staging, compressor: .gzip))
        #expect(spec.lines == [BackupCommandLine.display(spec.commands, output: "/var/backups/staging/<database>_<YYYYmmdd_HHMMSS>.sql.gz")])
        #expect(spec.lines[0].hasSuffix("| gzip -c > '/var/backups/staging/<database>_<YYYYmmdd_HHMMSS>.sql.gz'"))
        #expect(spec.dangerous && spec.takesEnvironmentLock)
        #expect(spec.confirmation == .yesNo)
        #expect(spec.timeout == 600)
        #expect(catalog.backup(in: "production")?.confirmation == .typeEnvironmentName)
        let pigz = ActionCatalog(environments: config.environments, compressor: .pigz)
        #expect(pigz.backup(in: "staging")?.commands[1] == ["pigz", "-c"])
    }

    @Test("restart: one spec per service, its argv quoted once for the dialog")
    func restart() throws {
        let catalog = ActionCatalog(environments: try Self.config().environments)
        let spec = try #require(catalog.restart("api", in: "staging"))
        #expect(spec.commands == [["scripts/stack", "restart", "api", "with note"]])
        #expect(spec.lines == ["scripts/stack restart api 'with note'"])
        #expect(spec.title == "restart api")
        #expect(spec.waitHealthy == 20 && spec.timeout == 60)
        #expect(catalog.restart("postgres", in: "staging") == nil)
        #expect(catalog.restart("api", in: "production") == nil)
    }

    @Test("rollback: the release is filled into the argv, then quoted; always the typed name")
    func rollback() throws {
        let catalog = ActionCatalog(environments: try Self.config().environments)
        #expect(catalog.hasRollback(in: "staging") && !catalog.hasRollback(in: "production"))
        #expect(catalog.rollbackProbe(in: "staging") == "api")
        let spec = try #require(catalog.rollback(to: "1.4.2", current: "1.5.0", in: "staging"))
        #expect(spec.target == "1.4.2")
        #expect(spec.commands == [["scripts/stack", "rollback", "--to=1.4.2"]])
        #expect(spec.lines == ["scripts/stack rollback --to=1.4.2"])
        #expect(spec.confirmation == .typeEnvironmentName)
        #expect(spec.consequence == "the application moves from 1.5.0 to 1.4.2; done when the probe reports 1.4.2")
        #expect(catalog.rollback(to: "1.4.2", current: nil, in: "staging")?.consequence.hasPrefix("the application moves from an unknown release") == true)
    }

    @Test("restore: the safety backup, then gunzip of the chosen file into psql; the file filled into the argv")
    func restore() throws {
        let config = try Self.config()
        let catalog = ActionCatalog(environments: config.environments)
        let backup = try #require(config.environment(named: "staging")?.actions.backup)
        let spec = try #require(catalog.restore(file: "app_20260101_000000.sql.gz", in: "staging"))
        let path = "/var/backups/staging/app_20260101_000000.sql.gz"
        #expect(spec.commands == BackupCommandLine.preview(backup, compressor: .gzip) + RestoreCommandLine.pipeline(path, dsn: backup.dsn))
        #expect(spec.lines == [try #require(catalog.backup(in: "staging")?.lines.first),
                               "gunzip -c -- \(path) | psql '--dbname=host=127.0.0.1 port=5433 dbname=app user=app_user' "
                                + "--single-transaction -v ON_ERROR_STOP=1 -X -q --no-password"])
        #expect(spec.target == "app_20260101_000000.sql.gz" && spec.confirmation == .typeEnvironmentName)
        let odd = try #require(catalog.restore(file: "it's here.sql.gz", in: "staging"))
        #expect(odd.lines[1].hasPrefix(#"gunzip -c -- '/var/backups/staging/it'\''s here.sql.gz' | psql"#))
    }

    @Test("rehearsal: its steps in words and commands, only where backup and rollback exist too")
    func rehearsal() throws {
        let catalog = ActionCatalog(environments: try Self.config().environments)
        let spec = try #require(catalog.rehearsal(in: "staging"))
        #expect(spec.lines.count == 8)
        #expect(spec.lines[2] == "scripts/stack deploy 1.6.0")
        #expect(spec.lines[4] == "scripts/stack rollback '--to={release before}'")
        #expect(spec.commands.isEmpty, "its commands are audited by the rehearsal's own steps")
        #expect(spec.confirmation == .typeEnvironmentName)
        #expect(catalog.rehearsal(in: "production") == nil)
    }

    @Test("read-only mode and a locked protected environment are one filter over dangerous")
    func filter() throws {
        let catalog = ActionCatalog(environments: try Self.config().environments)
        #expect(catalog.available(in: "staging", readOnly: false, locked: false) == [.backup, .restore, .restart, .rollback, .rehearsal])
        #expect(catalog.available(in: "production", readOnly: false, locked: false) == [.backup, .restore])
        #expect(catalog.available(in: "staging", readOnly: true, locked: false).isEmpty)
        #expect(catalog.available(in: "production", readOnly: false, locked: true).isEmpty)
        #expect(catalog.available(in: "nowhere", readOnly: false, locked: false).isEmpty)
        #expect(ActionKind.allCases.filter(\.isDangerous).allSatisfy { !ActionCatalog.permits($0, readOnly: true, locked: false) })
        #expect(ActionCatalog.permits(.configSnapshot, readOnly: true, locked: true), "a config snapshot changes nothing")
    }

    @Test("the catalog is a pure function of the config: built twice, equal; the state builds it at init")
    func pure() throws {
        let config = try Self.config()
        #expect(ActionCatalog(environments: config.environments) == ActionCatalog(environments: config.environments))
        let state = DashboardState(environments: config.environments, environmentIndex: 0, theme: "default", themes: [],
                                   readOnly: false, now: Date(timeIntervalSince1970: 0), width: 120, height: 40)
        #expect(state.actions == ActionCatalog(environments: config.environments))
    }

    @Test("b: the dialog shows the catalog's spec, y's effect carries that same spec, the Output pane its lines")
    func backupDialogCarriesTheSpec() throws {
        let config = try Self.config()
        var state = DashboardState(environments: config.environments, environmentIndex: 0, theme: "default", themes: [],
                                   readOnly: false, now: Date(timeIntervalSince1970: 0), width: 120, height: 40)
        let spec = try #require(state.actions.backup(in: "staging"))
        _ = DashboardReducer.reduce(&state, .key(.character("b")))
        guard case .confirm(let request) = state.overlay else { Issue.record("no dialog"); return }
        #expect(request.spec == spec)
        #expect(request.commands == spec.lines)
        #expect(request.effect == spec.consequence)
        #expect(!request.requiresTypedName)
        #expect(DashboardReducer.reduce(&state, .key(.character("y"))) == [.run(spec)])
        #expect(state.actionOutput?.lines == spec.lines.map { "$ " + $0 })
        #expect(state.runningAction?.action == "backup")
    }

    @Test("n: the cancelled dialog's audit effect carries the spec's argv")
    func cancelledDialogCarriesTheSpec() throws {
        let config = try Self.config()
        var state = DashboardState(environments: config.environments, environmentIndex: 0, theme: "default", themes: [],
                                   readOnly: false, now: Date(timeIntervalSince1970: 0), width: 120, height: 40)
        _ = DashboardReducer.reduce(&state, .key(.character("b")))
        let effects = DashboardReducer.reduce(&state, .key(.character("n")))
        guard case .auditCancelled(let request)? = effects.first else { Issue.record("not audited: \(effects)"); return }
        #expect(request.spec?.commands == state.actions.backup(in: "staging")?.commands)
        #expect(state.notice == "backup cancelled")
    }

    @Test("u: the picked release's spec is the catalog's rollback to it, confirmed by the typed name")
    func rollbackDialogCarriesTheSpec() throws {
        let config = try Self.config()
        var state = DashboardState(environments: config.environments, environmentIndex: 0, theme: "default", themes: [],
                                   readOnly: false, now: Date(timeIntervalSince1970: 0), width: 120, height: 40)
        #expect(DashboardReducer.reduce(&state, .key(.character("u"))) == [.listReleases])
        _ = DashboardReducer.reduce(&state, .releasesListed(releases: ["1.6.0", "1.5.0"], error: nil))
        _ = DashboardReducer.reduce(&state, .key(.down))
        _ = DashboardReducer.reduce(&state, .key(.enter))
        let spec = try #require(state.actions.rollback(to: "1.5.0", current: nil, in: "staging"))
        guard case .confirm(let request) = state.overlay else { Issue.record("no dialog"); return }
        #expect(request.spec == spec)
        for character in "staging" { _ = DashboardReducer.reduce(&state, .key(.character(character))) }
        #expect(DashboardReducer.reduce(&state, .key(.enter)) == [.run(spec)])
    }

    @Test("read-only: no dialog opens for any action, whatever the catalog holds")
    func readOnlyRefuses() throws {
        let config = try Self.config()
        var state = DashboardState(environments: config.environments, environmentIndex: 0, theme: "default", themes: [],
                                   readOnly: true, now: Date(timeIntervalSince1970: 0), width: 120, height: 40)
        for key in ["b", "s", "u", "D"] {
            #expect(DashboardReducer.reduce(&state, .key(.character(Character(key)))).isEmpty)
            #expect(state.overlay == nil, "\(key) opened a dialog")
        }
        #expect(state.notice == "read-only: actions are off")
    }
}
