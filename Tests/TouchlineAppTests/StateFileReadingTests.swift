import Foundation
import Glibc
import Testing
@testable import TouchlineCore
@testable import TouchlineOps

/// State files that are not regular files (a device, a FIFO) are refused in one line, never read without end
/// and never waited on.
@Suite("State file reading")
struct StateFileReadingTests {
    private func stateFolder() throws -> String {
        let path = NSTemporaryDirectory() + "touchline-state-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("audit.jsonl linked to /dev/full: one line naming the file, no records, no endless read")
    func auditLogDevice() throws {
        let folder = try stateFolder()
        let path = folder + "/" + AuditLog.fileName
        #expect(symlink("/dev/full", path) == 0)
        let log = AuditLog(stateDirectory: folder)
        #expect(throws: ActionFailure("\(path): is a character device, not a regular file")) {
            _ = try log.recentRecords(limit: 50)
        }
        #expect(log.recent(limit: 50).isEmpty)
        let record = AuditRecord(time: Date(), phase: .start, id: "1", environment: "s", action: "backup",
                                 commands: [], user: "u", host: "h", pid: 1)
        #expect(throws: ActionFailure("\(path): is a character device, not a regular file")) { try log.append(record) }
    }

    @Test("the audit log is read only in its last 4 MiB")
    func auditLogTail() throws {
        let folder = try stateFolder()
        let path = folder + "/" + AuditLog.fileName
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, off_t(AuditLog.readLimit) * 8) == 0)  // 32 MiB of NULs, never read whole
        #expect(try AuditLog(stateDirectory: folder).recentRecords().isEmpty)
    }

    @Test("a FIFO as lock note, spool, backup manifest or managed config file is refused without waiting")
    func fifos() throws {
        let folder = try stateFolder()
        for name in [ActionLock.fileName, AuditSpool.fileName, BackupManifest.fileName, "app.env"] {
            #expect(mkfifo(folder + "/" + name, 0o600) == 0)
        }
        #expect(ActionLock.holder(stateDirectory: folder) == nil)
        #expect(throws: ActionLockError.unavailable("\(folder)/\(ActionLock.fileName): is a FIFO, not a regular file")) {
            _ = try ActionLock.acquire(stateDirectory: folder, environment: "s", action: "backup")
        }
        let spool = AuditSpool(stateDirectory: folder)
        #expect(spool.pending.isEmpty)
        let loaded = BackupManifestStore.load(directory: folder)
        #expect(loaded.warning == "\(folder)/\(BackupManifest.fileName): is a FIFO, not a regular file; starting a new manifest")
        #expect(FileManager.default.fileExists(atPath: folder + "/" + BackupManifest.fileName))  // left where it is
        let inventory = BackupInventory.load(directory: folder)
        #expect(inventory.manifestProblem == "\(folder)/\(BackupManifest.fileName): is a FIFO, not a regular file")
        #expect(mkfifo(folder + "/backup.dump", 0o600) == 0)
        let hashed = BackupVerifier.hash(file: folder + "/backup.dump", cancellation: CancellationSwitch()) {}
        #expect(hashed.problem == "cannot compute the SHA-256: \(folder)/backup.dump: is a FIFO, not a regular file")
        #expect(throws: ActionFailure("\(folder)/app.env is not a regular file")) { _ = try ConfigFileSystem.read(folder + "/app.env") }
    }
}
