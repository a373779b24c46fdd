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
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw ActionFailure(SystemError.text("cannot open the audit log \(path)")) }
        defer { close(fd) }
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

    /// The most recent records, newest first, at most `limit`, only those of `environment` when given.
    /// Lines that do not decode (a torn last line after a crash) are skipped.
    public func recent(limit: Int = 50, environment: String? = nil) -> [AuditRecord] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        let size = max(0, lseek(fd, 0, SEEK_END))
        let start = size > off_t(Self.readLimit) ? size - off_t(Self.readLimit) : 0
        guard let data = Self.readToEnd(fd, from: start) else { return [] }
        var text = String(decoding: data, as: UTF8.self)
        if start > 0, let newline = text.firstIndex(of: "\n") { text = String(text[text.index(after: newline)...]) }
        let records = AuditRecord.parseLines(text).filter { environment == nil || $0.environment == environment }
        return Array(records.reversed().prefix(limit))
    }

    /// Everything in `fd` from `offset` to its end; nil when a read failed.
    private static func readToEnd(_ fd: Int32, from offset: off_t) -> Data? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var position = offset
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, position) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
            position += off_t(count)
        }
    }
}
