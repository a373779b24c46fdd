import FoundationEssentials
import Glibc
import TouchlineCore

/// The append-only audit log of an environment: JSON Lines at `<stateDirectory>/audit.jsonl`.
///
/// Each record is one `write` of a whole line to a descriptor opened with `O_APPEND`, then `fsync`:
/// records from several processes never overwrite each other and survive a crash. Nothing here ever
/// rewrites or truncates the file.
public struct AuditLog: Sendable {
    /// The log's file name inside the state directory.
    public static let fileName = "audit.jsonl"
    /// How much of the end of the file ``recent(limit:environment:)`` reads at most.
    static let readLimit = 4 * 1024 * 1024

    /// The log file.
    public let path: String
    /// Where each record also goes: the environment's shared audit table (``AuditLog/init(environment:)``).
    public var shared: SharedAudit?

    /// The log of the environment whose state folder is `stateDirectory`.
    public init(stateDirectory: String) {
        path = URL(fileURLWithPath: stateDirectory).appendingPathComponent(Self.fileName).path
    }

    /// Appends `record` as one line and flushes it to disk.
    public func append(_ record: AuditRecord) throws(ActionFailure) {
        let line: Data
        do {
            line = Data((try record.jsonLine() + "\n").utf8)
        } catch {
            throw ActionFailure("cannot encode the audit record: \(error)")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ActionFailure("cannot create \(folder): \(SystemError.text(of: error))")
        }
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0o640)
        guard fd >= 0 else { throw ActionFailure(SystemError.text("cannot open the audit log \(path)")) }
        defer { close(fd) }
        if let problem = BoundedFile.regularFileProblem(fd) { throw ActionFailure(problem.message(for: path)) }
        try DurableFile.writeAll(Self.endsWithNewline(fd) ? line : Data("\n".utf8) + line, to: fd)
        guard fsync(fd) == 0 else { throw ActionFailure(SystemError.text("fsync \(path)")) }
        shared?.deliver(record)
    }

    /// Whether the file is empty or ends with a newline (if a crash tore the last line, the next record
    /// starts on a line of its own instead of being glued to it).
    private static func endsWithNewline(_ fd: Int32) -> Bool {
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0 else { return true }
        var last: UInt8 = 0
        return pread(fd, &last, 1, size - 1) != 1 || last == 0x0A
    }

    /// The most recent records, newest first, at most `limit`, only those of `environment` when given;
    /// none when the log cannot be read (``recentRecords(limit:environment:)`` says why).
    public func recent(limit: Int = 50, environment: String? = nil) -> [AuditRecord] {
        (try? recentRecords(limit: limit, environment: environment)) ?? []
    }

    /// The most recent records, newest first, at most `limit`, only those of `environment` when given, from
    /// the last ``readLimit`` bytes of the log; none when there is no log. Lines that do not decode (a torn
    /// last line after a crash) are skipped.
    ///
    /// - Throws: one line naming the file when it is not a regular file (a device, a FIFO) or cannot be read.
    public func recentRecords(limit: Int = 50, environment: String? = nil) throws(ActionFailure) -> [AuditRecord] {
        let tail: (bytes: [UInt8], cut: Bool)
        do {
            tail = try BoundedFile.tail(path, limit: Self.readLimit)
        } catch {
            if error == .missing { return [] }
            throw ActionFailure(error.message(for: path))
        }
        var text = String(decoding: tail.bytes, as: UTF8.self)
        if tail.cut, let newline = text.firstIndex(of: "\n") { text = String(text[text.index(after: newline)...]) }
        let records = AuditRecord.parseLines(text).filter { environment == nil || $0.environment == environment }
        return Array(records.reversed().prefix(limit))
    }
}
