import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps

/// What a rehearsal given up on after a cancel leaves, as its trail is told before every step: nothing deployed;
/// the candidate maybe still running with its config files (both undos named); the application back but the config
/// files not yet; both back (the database backup named).
@Suite("Rehearsal: the state left if touchline gives up")
struct RehearsalStateLeftTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reh-left-\(UUID().uuidString)").path

    private func run() throws -> RehearsalRun {
        let text = """
            [environments.staging]
            state_dir = "state"
            [[environments.staging.probes]]
            name = "api"
            kind = "http"
            url = "http://127.0.0.1:1/health"
            version_field = "version"
            [[environments.staging.probes]]
            name = "postgres"
            kind = "postgres"
            dsn = "host=127.0.0.1 port=1 dbname=app user=app"
            [environments.staging.backup]
            probe = "postgres"
            directory = "backups"
            [environments.staging.rollback]
            probe = "api"
            list_command = ["true"]
            command = ["true", "{release}"]
            [environments.staging.rehearsal]
            deploy_command = ["true", "{release}"]
            [environments.staging.config_files]
            paths = ["app.env"]
            """
        let path = folder + "/t.toml"
        let environment = try ConfigLoader.parse(text, file: path, baseDirectory: folder, environment: [:]).environments[0]
        let rollback = try #require(try RollbackConfigParser.parse(environment: environment, configFile: path))
        return RehearsalRun(environment: environment, backup: try BackupConfigParser.parse(environment: environment, configFile: path),
                            rollback: rollback, rehearsal: try RehearsalConfigParser.parse(environment: environment, configFile: path))
    }

    @Test("before the deploy, after it, after the application rollback, after both rollbacks")
    func sentences() throws {
        let run = try run()
        #expect(run.stateIfAbandoned(at: .backup) == "stopped at step 2 (Backup); nothing was deployed")
        run.report.originalRelease = "1.5.0"
        run.report.targetRelease = "1.6.0"
        run.report.configSnapshot = "20261130T100000Z-abcd"
        run.deployRan = true
        #expect(run.stateIfAbandoned(at: .load) == "stopped at step 5 (Load test) after deploying 1.6.0: staging may be left on 1.6.0: "
                + "roll back with u (or touchline rollback 1.5.0 --env staging --confirm staging) and "
                + "touchline config restore 20261130T100000Z-abcd --env staging --confirm staging")
        run.update(.rollback) { $0.state = .passed }
        #expect(run.stateIfAbandoned(at: .configRollback) == "stopped at step 7 (Configuration rollback): staging is back on 1.5.0; "
                + "its config files may still hold 1.6.0's: touchline config restore 20261130T100000Z-abcd --env staging --confirm staging")
        run.update(.configRollback) { $0.state = .passed }
        #expect(run.stateIfAbandoned(at: .verify) == "stopped at step 9 (Post-rollback verification): staging is back on 1.5.0 with its config files")
    }
}
