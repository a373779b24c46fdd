import Foundation
import Testing
import TouchlineCore
@testable import TouchlineOps
@testable import TouchlineTestSupport

/// The automatic config snapshot before a release switch (the dashboard's `u`, `touchline rollback`, the rehearsal's
/// deploy all switch through ``ReleaseSwitch``): taken inside the switch's audit envelope, its trigger naming the
/// switch, its id on the outcome.
@Suite("Config snapshot before a rollback")
struct ConfigSnapshotBeforeRollbackTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snap-rollback-\(UUID().uuidString)").path

    @Test("a rollback takes a snapshot of the listed files first, trigger 'before rollback RELEASE', audited")
    func snapshotBeforeRollback() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let body = #"{"status":"healthy","version":"1.4.2"}"#
        let listener = try LocalListener(.respondEach(Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)))
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "API_RELEASE=1.5.0\n".write(toFile: folder + "/app.env", atomically: false, encoding: .utf8)
        let text = """
            [environments.staging]
            state_dir = "state"
            [[environments.staging.probes]]
            name = "api"
            kind = "http"
            url = "http://127.0.0.1:\(listener.port)/health"
            version_field = "version"
            [environments.staging.rollback]
            probe = "api"
            list_command = ["printf", "1.4.2\\n1.5.0\\n"]
            command = ["true", "{release}"]
            wait_healthy = "10s"
            [environments.staging.config_files]
            paths = ["app.env"]
            """
        let path = folder + "/t.toml"
        let environment = try ConfigLoader.parse(text, file: path, baseDirectory: folder, environment: [:]).environments[0]
        let rollback = try #require(try RollbackConfigParser.parse(environment: environment, configFile: path))
        let outcome = RollbackAction(environment: environment, config: rollback).measure(to: "1.4.2") { _ in }
        #expect(outcome.succeeded, "\(outcome.message)")
        let store = ConfigSnapshotStore(config: try #require(environment.actions.configFiles))
        let snapshots = store.list().manifests
        #expect(snapshots.map(\.trigger) == ["before rollback 1.4.2"])
        #expect(outcome.configSnapshot == snapshots.first?.id)
        let records = AuditLog(stateDirectory: environment.stateDirectory).recent(limit: 10).reversed().map { "\($0.action) \($0.phase)" }
        #expect(records == ["rollback start", "config-snapshot start", "config-snapshot end", "rollback end"], "\(records)")
    }
}
