import Foundation
import Testing
import TouchlineCore
import TouchlineOps
import TouchlineTestSupport

/// The Config view in the loop: the desk reads real snapshots from disk, the diff arrives masked, and the
/// restore dialog hands the fake runner exactly the config-restore spec it showed.
@Suite("Dashboard loop: the Config view")
struct ConfigViewDialogTests {
    typealias H = DashboardHarness

    @Test("C lists a snapshot read from disk; Enter shows its masked diff; Esc; R and the typed name run the config-restore spec")
    func restoreFromTheView() throws {
        let harness = try DashboardHarness()
        let runner = harness.runner
        let settings = "\(harness.folder)/app.env"
        try "API_RELEASE=1.5.0\nDB_PASSWORD=first-secret\n".write(toFile: settings, atomically: false, encoding: .utf8)
        let config = ConfigFilesConfig(environment: "staging", paths: [settings], directory: "\(harness.folder)/config-snapshots",
                                       applyCommand: ["/bin/true"], workingDirectory: harness.folder)
        harness.environments[0].actions.configFiles = config
        let id = try ConfigSnapshotStore(config: config).take(trigger: "manual", takenBy: "test").id
        try "API_RELEASE=1.6.0\nDB_PASSWORD=second-secret\n".write(toFile: settings, atomically: false, encoding: .utf8)

        let run = harness.run([H.key("C"), H.waitFor("Config snapshots"), H.waitFor("app.env (+2 −2)"),
                               .key(.enter), H.waitFor("+DB_PASSWORD=***(changed)"), .key(.escape), .waitUntil("the diff closed") { !$0.contains("Config diff") && $0.contains("Config snapshots") },
                               H.key("R"), H.waitFor("Confirm config-restore")] + H.type("staging")
                              + [.key(.enter), .waitUntil("the runner started") { _ in !runner.specs.isEmpty },
                                 H.perform { runner.finish(.ok("restored")) }, H.waitFor("restored"), H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
        let secretShown = run.frames.contains { frame in frame.contains("first-secret") || frame.contains("second-secret") }
        #expect(!secretShown, "no secret on any frame")
        let spec = try #require(runner.specs.first)
        #expect(spec.kind == .configRestore && spec.target == id && spec.commands == [["/bin/true"]])
        #expect(spec.lines.contains("  write app.env (+2 −2)"))
    }
}
