import Foundation
import Glibc
import Testing
import TouchlineCore
@testable import TouchlineOps

/// The configuration rollback on real files in a temporary folder: snapshot, diff with secrets masked, restore
/// all-or-none with the safety snapshot, a file that cannot be written, a deleted file, a file listed later, and
/// an apply command that fails. Runs as whoever runs the tests (root here), so the unwritable case uses an
/// immutable folder (`chattr +i`), which root cannot write either.
@Suite("Config snapshots and restore")
struct ConfigRestoreTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("configrb-\(UUID().uuidString)").path

    static let envText = """
        # staging settings
        API_RELEASE=1.5.0
        LOG_LEVEL=info
        DB_PASSWORD=old-secret-1
        DATABASE_URL=postgres://app:url-secret-1@db:5432/app

        """
    static let composeText = """
        services:
          api:
            environment:
              - API_TOKEN=token-secret-1
              - WORKERS=2

        """

    /// The environment of a config in `folder` listing `paths` (relative to it), with `apply` as apply_command.
    func environment(paths: [String] = ["app.env", "conf/compose.yml"], apply: [String]? = nil) throws -> EnvironmentConfig {
        let applyLine = apply.map { "apply_command = [" + $0.map { "\"\($0)\"" }.joined(separator: ", ") + "]" } ?? ""
        let text = """
            [environments.staging]
            state_dir = "state"
            [[environments.staging.probes]]
            name = "api"
            kind = "tcp"
            address = "127.0.0.1:1"
            [environments.staging.config_files]
            paths = [\(paths.map { "\"\($0)\"" }.joined(separator: ", "))]
            \(applyLine)
            """
        let config = try ConfigLoader.parse(text, file: folder + "/touchline.toml", baseDirectory: folder, environment: [:])
        return config.environments[0]
    }

    func write(_ name: String, _ text: String, mode: mode_t = 0o640) throws {
        let path = folder + "/" + name
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, mode)
    }

    func read(_ name: String) -> String? { try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o7777
    }

    /// Writes both files and takes a manual snapshot.
    func snapshotBoth(_ environment: EnvironmentConfig) throws -> ConfigSnapshotManifest {
        try write("app.env", Self.envText, mode: 0o640)
        try write("conf/compose.yml", Self.composeText, mode: 0o604)
        let config = try #require(environment.actions.configFiles)
        let (report, manifest) = ConfigSnapshotAction(environment: environment, config: config).perform(trigger: "manual")
        #expect(report.ok, "\(report.message)")
        return try #require(manifest)
    }

    /// Edits one plain line and the password in app.env, and the token in compose.yml.
    func editBoth() throws {
        try write("app.env", Self.envText.replacing("LOG_LEVEL=info", with: "LOG_LEVEL=debug")
            .replacing("DB_PASSWORD=old-secret-1", with: "DB_PASSWORD=new-secret-2"), mode: 0o640)
        try write("conf/compose.yml", Self.composeText.replacing("token-secret-1", with: "token-secret-2"), mode: 0o604)
    }

    @Test("snapshot, edit two files, the diff shows exactly those lines masked, restore: byte-identical, modes kept, the safety snapshot holds the edits")
    func roundTrip() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let environment = try environment()
        let config = try #require(environment.actions.configFiles)
        let manifest = try snapshotBoth(environment)
        #expect(mode(config.directory) == 0o700, "the snapshot folder is 0700")
        #expect(mode(config.directory + "/" + manifest.id) == 0o700)
        #expect(mode(config.directory + "/" + manifest.id + "/manifest.json") == 0o600)
        #expect(manifest.files.allSatisfy { mode(config.directory + "/" + manifest.id + "/files/" + $0.stored) == 0o600 })
        #expect(manifest.files.map(\.mode) == [0o640, 0o604])
        try editBoth()

        let store = ConfigSnapshotStore(config: config)
        let diff = try store.diff(manifest)
        let changed = diff.filter { $0.kind == .added || $0.kind == .removed }.map(\.text)
        #expect(changed == ["-LOG_LEVEL=info", "-DB_PASSWORD=***", "+LOG_LEVEL=debug", "+DB_PASSWORD=***(changed)",
                            "-      - API_TOKEN=***", "+      - API_TOKEN=***(changed)"])
        let text = diff.map(\.text).joined(separator: "\n")
        for secret in ["old-secret-1", "new-secret-2", "token-secret-1", "token-secret-2", "url-secret-1"] {
            #expect(!text.contains(secret), "\(secret) never shown")
        }
        #expect(text.contains("DATABASE_URL=postgres://app:***@db:5432/app"), "a context line masks the URL password")
        #expect(try store.row(manifest).restoring.map(\.counts) == [UnifiedDiff.Counts(added: 2, removed: 2),
                                                                    UnifiedDiff.Counts(added: 1, removed: 1)])

        let report = ConfigRestoreAction(environment: environment, config: config).perform(snapshot: manifest.id)
        #expect(report.ok, "\(report.message)")
        #expect(read("app.env") == Self.envText && read("conf/compose.yml") == Self.composeText, "byte-identical")
        #expect(mode(folder + "/app.env") == 0o640 && mode(folder + "/conf/compose.yml") == 0o604, "modes kept")
        guard case .string(let safetyID) = report.figures["safety_snapshot"] else { Issue.record("no safety snapshot"); return }
        let safety = try store.manifest(safetyID)
        #expect(safety.trigger == "before config restore of \(manifest.id)")
        let edited = try safety.files.map { String(decoding: try store.storedBytes($0, in: safety) ?? [], as: UTF8.self) }
        #expect(edited[0].contains("LOG_LEVEL=debug") && edited[1].contains("token-secret-2"), "the safety snapshot holds the edited versions")

        let records = AuditLog(stateDirectory: environment.stateDirectory).recent(limit: 10, environment: "staging")
        let end = try #require(records.first { $0.action == "config-restore" && $0.phase == .end })
        #expect(end.outcome == .ok && end.target == manifest.id)
        #expect(end.details["snapshot"] == .string(manifest.id) && end.details["safety_snapshot"] == .string(safetyID))
        #expect(end.details["changed_files"] == .array([.string("app.env"), .string("conf/compose.yml")]))
        #expect(records.contains { $0.action == "config-snapshot" }, "snapshots are audited")
        let audit = try String(contentsOfFile: AuditLog(stateDirectory: environment.stateDirectory).path, encoding: .utf8)
        #expect(!audit.contains("secret-"), "no secret in the audit log")
    }

    @Test("the second file cannot be written (an immutable folder, which root cannot write): the first is as it was before the restore")
    func allOrNone() throws {
        defer {
            _ = ProcessRunnerLite.run("/usr/bin/chattr", ["-i", folder + "/conf"])
            try? FileManager.default.removeItem(atPath: folder)
        }
        let environment = try environment()
        let config = try #require(environment.actions.configFiles)
        let manifest = try snapshotBoth(environment)
        try editBoth()
        let editedFirst = read("app.env")
        if ProcessRunnerLite.run("/usr/bin/chattr", ["+i", folder + "/conf"]) != 0 {
            // No immutable attribute on this file system: a folder where the restore's temporary file would go
            // (`.NAME.touchline-PID`, this process's pid) makes the write fail for root too, the file still readable.
            try FileManager.default.createDirectory(atPath: folder + "/conf/.compose.yml.touchline-\(getpid())",
                                                    withIntermediateDirectories: false)
        }
        let report = ConfigRestoreAction(environment: environment, config: config).perform(snapshot: manifest.id)
        #expect(report.outcome == .failed, "\(report.message)")
        #expect(read("app.env") == editedFirst, "the first file is as it was before the restore")
        #expect(report.message.contains("conf/compose.yml"), "\(report.message)")
        #expect(report.message.contains("put back from safety snapshot") && report.message.contains("app.env"),
                "the first file was replaced, then put back: \(report.message)")
        let end = try #require(AuditLog(stateDirectory: environment.stateDirectory).recent(limit: 10)
            .first { $0.action == "config-restore" && $0.phase == .end })
        #expect(end.outcome == .failed)
    }

    @Test("a file deleted after the snapshot is recreated with its mode")
    func deletedFileRecreated() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let environment = try environment()
        let config = try #require(environment.actions.configFiles)
        let manifest = try snapshotBoth(environment)
        try FileManager.default.removeItem(atPath: folder + "/conf/compose.yml")
        let row = try ConfigSnapshotStore(config: config).row(manifest)
        #expect(row.changes.map(\.state) == [.unchanged, .deleted])
        let report = ConfigRestoreAction(environment: environment, config: config).perform(snapshot: manifest.id)
        #expect(report.ok, "\(report.message)")
        #expect(read("conf/compose.yml") == Self.composeText && mode(folder + "/conf/compose.yml") == 0o604)
        #expect(report.figures["changed_files"] == .array([.string("conf/compose.yml")]))
    }

    @Test("only the mode, owner and group changed: the restore writes the file back with the snapshot's (root can chown)")
    func modeAndOwnerRestored() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let environment = try environment()
        let config = try #require(environment.actions.configFiles)
        let manifest = try snapshotBoth(environment)
        let path = folder + "/app.env"
        var before = stat()
        stat(path, &before)
        guard chown(path, 4321, 4322) == 0 else { return }  // not root: nothing to prove here
        chmod(path, 0o600)
        let report = ConfigRestoreAction(environment: environment, config: config).perform(snapshot: manifest.id)
        #expect(report.ok, "\(report.message)")
        #expect(report.figures["changed_files"] == .array([.string("app.env")]), "the bytes are equal: written for the metadata")
        var after = stat()
        stat(path, &after)
        #expect(after.st_uid == before.st_uid && after.st_gid == before.st_gid && mode(path) == 0o640)
        #expect(read("app.env") == Self.envText)
    }

    @Test("a file added to paths after the snapshot is reported and left as it is")
    func addedFileKept() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = try environment(paths: ["app.env"])
        try write("app.env", Self.envText)
        let beforeConfig = try #require(before.actions.configFiles)
        let manifest = try #require(ConfigSnapshotAction(environment: before, config: beforeConfig).perform(trigger: "manual").1)
        try write("extra.conf", "TIMEOUT=5\n")
        try write("app.env", "API_RELEASE=9\n")
        let after = try environment(paths: ["app.env", "extra.conf"])
        let config = try #require(after.actions.configFiles)
        let row = try ConfigSnapshotStore(config: config).row(manifest)
        #expect(row.changes.map(\.state) == [.changed, .notInSnapshot])
        let diff = try ConfigSnapshotStore(config: config).diff(manifest).map(\.text)
        #expect(diff.contains { $0.contains("extra.conf: not in the snapshot") })
        let report = ConfigRestoreAction(environment: after, config: config).perform(snapshot: manifest.id)
        #expect(report.ok, "\(report.message)")
        #expect(read("extra.conf") == "TIMEOUT=5\n", "not deleted")
        #expect(read("app.env") == Self.envText)
        let end = try #require(AuditLog(stateDirectory: after.stateDirectory).recent(limit: 10)
            .first { $0.action == "config-restore" && $0.phase == .end })
        #expect(end.details["left_as_is"] == .array([.string("extra.conf")]))
    }

    @Test("apply_command failing: reported failed with its output (secrets masked), the files stay restored, the audit says so")
    func applyFails() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let environment = try environment(apply: ["/bin/sh", "-c", "echo applying; echo DB_PASSWORD=printed-$((6+3))-secret; echo compose refused >&2; exit 3"])
        let config = try #require(environment.actions.configFiles)
        let manifest = try snapshotBoth(environment)
        try editBoth()
        let report = ConfigRestoreAction(environment: environment, config: config).perform(snapshot: manifest.id)
        #expect(report.outcome == .failed)
        #expect(report.message.contains("apply_command failed") && report.message.contains("exited 3")
                && report.message.contains("compose refused"), "\(report.message)")
        #expect(!report.message.contains("printed-9-secret"))
        #expect(read("app.env") == Self.envText && read("conf/compose.yml") == Self.composeText, "files stay restored")
        let end = try #require(AuditLog(stateDirectory: environment.stateDirectory).recent(limit: 10)
            .first { $0.action == "config-restore" && $0.phase == .end })
        #expect(end.outcome == .failed && end.exitStatus == 3)
        #expect(end.error?.contains("apply_command failed") == true)
        #expect(end.details["changed_files"] == .array([.string("app.env"), .string("conf/compose.yml")]))
    }

    @Test("keep: the oldest beyond it are deleted; a .partial folder is never listed; a missing file is recorded as missing")
    func retentionAndPartial() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var environment = try environment(paths: ["app.env", "absent.yml"])
        environment.actions.configFiles?.keep = 2
        let config = try #require(environment.actions.configFiles)
        try write("app.env", Self.envText)
        let store = ConfigSnapshotStore(config: config)
        var ids: [String] = []
        for index in 0..<3 {
            ids.append(try store.take(trigger: "t\(index)", takenBy: "test", now: Date(timeIntervalSince1970: 1_750_000_000 + Double(index))).id)
        }
        try FileManager.default.createDirectory(atPath: config.directory + "/20990101T000000Z-dead.partial", withIntermediateDirectories: true)
        let listed = store.list()
        #expect(listed.error == nil)
        #expect(listed.manifests.map(\.id) == [ids[2], ids[1]], "newest first, the oldest pruned, the .partial folder ignored")
        #expect(listed.manifests[0].files.map(\.present) == [true, false], "absent.yml recorded as missing")
        #expect(try store.row(listed.manifests[0]).changes.map(\.state) == [.unchanged, .unchanged])
    }

    @Test("a listed symbolic link keeps pointing at its file, whose content is restored")
    func symlinkFollowed() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("real.env", Self.envText)
        try FileManager.default.createSymbolicLink(atPath: folder + "/app.env", withDestinationPath: "real.env")
        let environment = try environment(paths: ["app.env"])
        let config = try #require(environment.actions.configFiles)
        let manifest = try #require(ConfigSnapshotAction(environment: environment, config: config).perform(trigger: "manual").1)
        try write("real.env", "API_RELEASE=2\n")
        let report = ConfigRestoreAction(environment: environment, config: config).perform(snapshot: manifest.id)
        #expect(report.ok, "\(report.message)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/app.env") == "real.env", "still a link")
        #expect(read("real.env") == Self.envText)
    }

    @Test("a damaged snapshot is refused and nothing is touched")
    func damagedSnapshotRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let environment = try environment()
        let config = try #require(environment.actions.configFiles)
        let manifest = try snapshotBoth(environment)
        try editBoth()
        let stored = config.directory + "/" + manifest.id + "/files/" + manifest.files[0].stored
        try "tampered\n".write(toFile: stored, atomically: false, encoding: .utf8)
        let edited = read("app.env")
        let report = ConfigRestoreAction(environment: environment, config: config).perform(snapshot: manifest.id)
        #expect(report.outcome == .refused && report.message.contains("sha256"), "\(report.message)")
        #expect(read("app.env") == edited)
    }
}

/// Runs a program and returns its exit status (for chattr).
enum ProcessRunnerLite {
    static func run(_ program: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return 127 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
