import Foundation
import Testing
import TouchlineCore
import TouchlineOps
import TouchlineTestSupport

/// Every dialog path of the dashboard, in-process: the dialog shows the catalog's spec, the fake runner gets exactly
/// that spec, its output and end come back to the Output and Events panes.
@Suite("Dashboard loop: dialogs and actions")
struct DashboardDialogTests {
    typealias H = DashboardHarness

    static func closed(_ title: String) -> TestScreenBackend.Step { .waitUntil("\(title) closed") { !$0.contains(title) } }

    /// The command a confirmation dialog shows under `will run:`, its wrapped rows joined, whitespace removed.
    static func dialogCommand(in frame: String) -> String {
        var rows: [String] = []
        var inside = false
        for line in frame.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let open = line.firstIndex(of: "║"), let close = line.lastIndex(of: "║"), open < close else { continue }
            let content = line[line.index(after: open)..<close]
            if content.contains("will run:") { inside = true; continue }
            guard inside else { continue }
            if !content.hasPrefix("   ") { break }
            rows.append(String(content).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "…", with: ""))
        }
        return rows.joined().filter { !$0.isWhitespace }
    }

    static func squeezed(_ lines: [String]) -> String { lines.joined().filter { !$0.isWhitespace } }

    @Test("b: n and Esc cancel (audited as cancelled with the argv shown); y runs exactly the shown spec, its output and end show")
    func backup() throws {
        let harness = try DashboardHarness(lines: ["dumping 3 tables", "verified sha256"])
        let runner = harness.runner
        let run = harness.run([H.key("b"), H.waitFor("Confirm backup"), H.key("n"), Self.closed("Confirm backup"),
                               H.key("b"), H.waitFor("Confirm backup"), .key(.escape), Self.closed("Confirm backup"),
                               H.key("b"), H.waitFor("Confirm backup"), H.key("y"), H.waitFor("verified sha256"),
                               H.perform { runner.finish(.ok("backup written: staging_x.sql.gz")) },
                               H.waitFor("backup written: staging_x.sql.gz"), H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
        let spec = try #require(runner.specs.first)
        #expect(runner.specs.count == 1)
        #expect(spec.kind == .backup && spec.environment == "staging")
        let dialog = try #require(run.frames.last { $0.contains("Confirm backup") })
        #expect(Self.dialogCommand(in: dialog) == Self.squeezed(spec.lines), "the runner got the argv the dialog showed\n\(dialog)")
        #expect(run.frames.contains { $0.contains("dumping 3 tables") }, "the output lines reached the Output pane")
        // With two environments configured, Events tag only the events of another environment than the shown one.
        #expect(run.last.contains("│ ✔ backup done: backup written: staging_x.sql.gz"), "the end line is in the Output pane\n\(run.last)")
        #expect(run.last.contains("✔ backup done: backup written:"), "and in Events (the shown environment's events untagged)\n\(run.last)")
        #expect(run.last.contains("• backup started on staging") && run.last.contains("Output · backup · staging"))
        let records = AuditLog(stateDirectory: "\(harness.folder)/staging-state").recent(environment: "staging")
        #expect(records.filter { $0.outcome == .cancelled && $0.action == "backup" }.count == 2, "n and Esc were audited: \(records)")
        #expect(records.filter { $0.outcome == .cancelled }.allSatisfy { $0.commands == spec.commands })
    }

    @Test("a protected environment: actions locked until U and its typed name; the dialog then needs the name, a wrong one is refused")
    func protectedEnvironment() throws {
        let harness = try DashboardHarness()
        harness.environmentIndex = 1
        let runner = harness.runner
        let run = harness.run([H.key("b"), H.waitFor("press U to unlock"),
                               H.key("U"), H.waitFor("production")] + H.type("production") + [.key(.enter), H.waitFor("unlocked"),
                               H.key("b"), H.waitFor("Confirm backup")] + H.type("staging") + [.key(.enter),
                               H.perform {}] + H.type("x") + [H.perform {}, .key(.escape), Self.closed("Confirm backup"),
                               H.key("b"), H.waitFor("Confirm backup")] + H.type("production") + [.key(.enter),
                               .waitUntil("the runner started") { _ in !runner.specs.isEmpty },
                               H.perform { runner.finish(.ok("backup written")) }, H.waitFor("backup written"), H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
        #expect(runner.specs.map(\.kind) == [.backup], "only the right name ran it")
        #expect(runner.specs.first?.environment == "production")
    }

    @Test("--read-only: every dangerous key says actions are off, nothing runs")
    func readOnly() throws {
        let harness = try DashboardHarness()
        harness.readOnly = true
        let keys: [Character] = ["b", "s", "u", "D", "U"]
        let run = harness.run(keys.flatMap { [H.key($0), H.waitFor("read-only")] } + [H.key("y"), H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
        #expect(harness.runner.specs.isEmpty)
        #expect(!run.frames.contains { $0.contains("Confirm") })
    }

    @Test("s restarts the selected service: the dialog names it, y hands the runner its spec")
    func restart() throws {
        let harness = try DashboardHarness()
        let runner = harness.runner
        let run = harness.run([H.perform {}, H.key("j"), H.key("j"), H.key("s"), H.waitFor("redis"), H.key("y"),
                               .waitUntil("the runner started") { _ in !runner.specs.isEmpty },
                               H.perform { runner.finish(.ok("redis healthy after 1.2 s")) }, H.waitFor("healthy after"),
                               H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
        let spec = try #require(runner.specs.first)
        #expect(spec.kind == .restart && spec.target == "redis")
        #expect(spec.commands == [["/bin/true", "restart", "redis", "staging"]])
    }

    @Test("u lists the releases in a picker, Enter asks for the typed name, the runner gets the picked release")
    func rollback() throws {
        let harness = try DashboardHarness()
        let runner = harness.runner
        let run = harness.run([H.key("u"), H.waitFor("1.4.2"), .key(.enter), H.waitFor("Confirm rollback")] + H.type("staging")
                              + [.key(.enter), .waitUntil("the runner started") { _ in !runner.specs.isEmpty },
                                 H.perform { runner.finish(.ok("rolled back")) }, H.waitFor("rolled back"), H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
        let spec = try #require(runner.specs.first)
        #expect(spec.kind == .rollback)
        let release = try #require(spec.target)
        #expect(harness.releases.contains(release))
        #expect(spec.commands == [["/bin/true", "rollback", release, "staging"]])
    }

    @Test("R in the Backups view (B) restores the selected backup after the typed name")
    func restore() throws {
        let harness = try DashboardHarness()
        let runner = harness.runner
        // A backup file in the environment's folder: the desk's own listing (`BackupInventory`) shows it.
        let directory = "\(harness.folder)/staging-backups"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let name = "staging_20261130_035000.sql.gz"
        #expect(FileManager.default.createFile(atPath: "\(directory)/\(name)", contents: Data(count: 4096)))
        let record = BackupRecord(file: name, created: Date(), size: 4096, sha256: String(repeating: "0", count: 64),
                                  database: "staging", serverVersion: "16.4", tableRows: ["matches": 3], verified: true)
        _ = try BackupManifestStore.add(record, directory: directory, keepDays: 7)
        let run = harness.run([H.key("B"),
                               H.waitFor("staging_20261130_035000"), H.key("R"), H.waitFor("Confirm restore")] + H.type("staging")
                              + [.key(.enter), .waitUntil("the runner started") { _ in !runner.specs.isEmpty },
                                 H.perform { runner.finish(.ok("restored")) }, H.waitFor("restored"), H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
        let spec = try #require(runner.specs.first)
        #expect(spec.kind == .restore)
        #expect(spec.target?.hasSuffix(name) == true, "\(spec)")
    }

    @Test("D rehearses after the typed name")
    func rehearsal() throws {
        let harness = try DashboardHarness()
        let runner = harness.runner
        let run = harness.run([H.key("D"), H.waitFor("Confirm rehearsal")] + H.type("staging")
                              + [.key(.enter), .waitUntil("the runner started") { _ in !runner.specs.isEmpty },
                                 H.perform { runner.finish(.ok("rehearsal passed")) }, H.waitFor("rehearsal passed"), H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
        #expect(runner.specs.map(\.kind) == [.rehearsal])
    }

    @Test("c while running asks first; y cancels the runner, which ends cancelled")
    func cancel() throws {
        let harness = try DashboardHarness(lines: ["dumping"])
        let runner = harness.runner
        let run = harness.run([H.key("b"), H.waitFor("Confirm backup"), H.key("y"), H.waitFor("dumping"),
                               H.key("c"), H.waitFor("cancel backup on"), H.key("y"), H.waitFor("cancelled by the operator"),
                               H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
        #expect(runner.cancels == ["cancelled by the operator (c)"])
    }

    @Test("c while a compensation runs asks whether to stop the recovery; y stops it")
    func stopCompensation() throws {
        let harness = try DashboardHarness(lines: ["deploying 1.6.0"], compensating: "rolling back to 1.5.0")
        let runner = harness.runner
        let run = harness.run([H.key("D"), H.waitFor("Confirm rehearsal")] + H.type("staging")
                              + [.key(.enter), H.waitFor("deploying 1.6.0"), H.key("c"), H.waitFor("cancel rehearsal on"),
                                 H.key("y"), H.waitFor("compensating: rolling back to 1.5.0"), H.key("c"),
                                 H.waitFor("stop the recovery (rolling back to 1.5.0)?"), H.key("y"),
                                 H.waitFor("compensation stopped"), H.key("q")])
        #expect(run.code == 0)
        #expect(run.screen.failures.isEmpty, "\(run.screen.failures)\n\(run.last)")
        #expect(runner.cancels.count == 1)
        #expect(runner.compensationStops.count == 1)
    }
}
