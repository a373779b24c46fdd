import FoundationEssentials
import Glibc
import TouchlineCore

/// The audit records that could not reach the shared table (the store was unreachable): JSON Lines at
/// `<stateDirectory>/coordination-pending.jsonl`, uploaded (marked late) by the next touchline of this state
/// folder that connects, then emptied. Uploading twice is harmless: the table is unique by id and phase.
public struct AuditSpool: Sendable {
    /// The spool's file name inside the state directory.
    public static let fileName = "coordination-pending.jsonl"
    /// The spool file.
    public let path: String

    /// The spool of the state folder `stateDirectory`.
    public init(stateDirectory: String) {
        path = URL(fileURLWithPath: stateDirectory).appendingPathComponent(Self.fileName).path
    }

    /// Appends `record` (one line, `O_APPEND`, then `fsync`), under the spool's `flock`.
    public func append(_ record: AuditRecord) {
        guard let line = try? record.jsonLine() else { return }
        try? FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                                 withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0o640)
        guard fd >= 0 else { return }
        defer { close(fd) }
        guard BoundedFile.regularFileProblem(fd) == nil else { return }
        // The uploader holds the lock while it reads and empties the file: a line appended meanwhile would be lost.
        _ = flock(fd, LOCK_EX)
        defer { _ = flock(fd, LOCK_UN) }
        try? DurableFile.writeAll(Data((line + "\n").utf8), to: fd)
        _ = fsync(fd)
    }

    /// The records waiting, oldest first; none when the spool is not a regular file or is larger than
    /// ``BoundedFile/stateFileLimit``.
    public var pending: [AuditRecord] {
        guard let bytes = try? BoundedFile.read(path, limit: BoundedFile.stateFileLimit) else { return [] }
        let text = String(decoding: bytes, as: UTF8.self)
        return AuditRecord.parseLines(text)
    }

    /// Uploads every waiting record through `connection` (late), then empties the spool; under an exclusive
    /// `flock` taken without waiting (another process uploading the same spool leaves it to that one). Returns
    /// how many were uploaded; on a failure the spool is kept whole.
    @discardableResult
    public func upload(via connection: CoordinationConnection, secrets: [String]) -> Int {
        let fd = open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        guard BoundedFile.regularFileProblem(fd) == nil else { return 0 }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return 0 }
        defer { _ = flock(fd, LOCK_UN) }
        let records = pending
        guard !records.isEmpty else { return 0 }
        for record in records {
            do throws(CoordinationError) {
                try SharedAuditRows.insert(record, late: true, secrets: secrets, on: connection)
            } catch {
                return 0
            }
        }
        _ = ftruncate(fd, 0)
        _ = fsync(fd)
        return records.count
    }
}
