import Foundation
import Testing
import TouchlineApp
import TouchlineCore
import TouchlineOps

/// The header's drift warning: a listed file changed after the newest snapshot and after every action that
/// records a change (a refusal or a dialog cancelled records none).
@Suite("Config drift")
struct ConfigDriftTests {
    @Test("an edit after the snapshot is drift; a deploy that ends after it records it; a later edit is drift again")
    func drift() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drift-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/app.env"
        try "A=1\n".write(toFile: file, atomically: false, encoding: .utf8)
        var environment = EnvironmentConfig(name: "staging", label: "STAGING", interval: 1, protected: false,
                                            stateDirectory: folder + "/state", probes: [])
        environment.actions.configFiles = ConfigFilesConfig(environment: "staging", paths: [file], directory: folder + "/snaps",
                                                            workingDirectory: folder)
        let config = try #require(environment.actions.configFiles)
        _ = try ConfigSnapshotStore(config: config).take(trigger: "manual", takenBy: "test", now: Date().addingTimeInterval(-10))
        #expect(ConfigSnapshotLister.listing(environment).drift == nil, "as snapshotted")

        try "A=2\n".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(ConfigSnapshotLister.listing(environment).drift == "config drift: app.env changed")

        let log = AuditLog(stateDirectory: environment.stateDirectory)
        try AuditTrail.notStarted(log, outcome: .cancelled, environment: "staging", action: "config-restore", commands: [],
                                  reason: "cancelled in the confirmation dialog")
        #expect(ConfigSnapshotLister.listing(environment).drift != nil, "a cancelled dialog records nothing")
        let trail = try AuditTrail.begin(log, environment: "staging", action: "deploy", commands: [["deploy"]])
        try trail.end(.ok, commands: [["deploy"]], now: Date().addingTimeInterval(1))
        #expect(ConfigSnapshotLister.listing(environment).drift == nil, "the deploy recorded the change")

        Thread.sleep(forTimeInterval: 1.1)
        try "A=3\n".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(ConfigSnapshotLister.listing(environment).drift == "config drift: app.env changed", "changed after the deploy")
    }
}
