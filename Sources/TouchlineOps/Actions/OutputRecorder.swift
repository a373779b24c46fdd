import FoundationEssentials
import TouchlineCore

/// Digests a command's output as it streams (sha256, bytes, lines, the last lines), however long it is:
/// the audit record's ``OutputDigest`` of an action whose output is too large to keep. Thread-safe.
final class OutputRecorder: @unchecked Sendable {
    private let lock = ConditionVariable()
    private var hasher = SHA256()
    private var bytes = 0
    private var lines = 0
    private var tail = Data()
    private var endsWithNewline = true

    /// Adds a chunk of output.
    func append(_ chunk: Data) {
        lock.withLock {
            hasher.update(chunk)
            bytes += chunk.count
            lines += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            if let last = chunk.last { endsWithNewline = last == 0x0A }
            tail.append(chunk)
            if tail.count > 8192 { tail = Data(tail.suffix(4096)) }
        }
    }

    /// The digest so far, its kept tail with every string of `secrets` replaced.
    func digest(secrets: [String] = []) -> OutputDigest {
        lock.withLock {
            let kept = OutputDigest(of: String(decoding: tail, as: UTF8.self), secrets: secrets).tail
            return OutputDigest(sha256: hasher.hexDigest() ?? "", bytes: bytes, lines: lines + (endsWithNewline ? 0 : 1), tail: kept)
        }
    }
}
