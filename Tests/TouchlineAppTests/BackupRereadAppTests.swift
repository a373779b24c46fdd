import Foundation
import Testing
import TouchlineCore
import TouchlineTestSupport

/// Backups another process writes (a headless `touchline backup` beside the dashboard) reach the header and the
/// Backups view without a restart: the loop re-reads the backup directory on a slow timer.
@Suite("Dashboard loop: the backup inventory is re-read")
struct BackupRereadAppTests {
    typealias H = DashboardHarness

    /// Writes a verified backup of `size` bytes named `file` into `directory` as another process would.
    static func writeBackup(_ file: String, into directory: String) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let record = BackupRecord(file: file, created: Date(), size: 5, sha256: "s", database: "staging", serverVersion: "15.18",
                                      tableRows: ["public.t": 1], verified: true)
            try Data("12345".utf8).write(to: URL(fileURLWithPath: directory + "/" + file))
            try BackupManifest(backups: [record]).encoded().write(to: URL(fileURLWithPath: directory + "/manifest.json"))
        } catch {
            Issue.record("cannot write the backup: \(error)")
        }
    }

    @Test("`no backups yet` goes away once another process writes one; the Backups view lists it")
    func otherProcess() throws {
        let harness = try DashboardHarness()
        harness.backupRereadSeconds = 1
        let directory = "\(harness.folder)/staging-backups"
        let file = "staging_20261130_090000.sql.gz"
        let run = harness.run([H.waitFor("no backups yet"),
                               H.perform { Self.writeBackup(file, into: directory) },
                               .waitUntil("the warning gone") { !$0.contains("no backups yet") },
                               H.key("B"), H.waitFor(file), .key(.escape), H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
    }
}
