import FoundationEssentials
import Synchronization
import TouchlineCore

/// Digests a command's output as it streams (sha256, bytes, lines, the last lines), however long it is:
/// the audit record's ``OutputDigest`` of an action whose output is too large to keep. Thread-safe.
final class OutputRecorder: Sendable {
    /// What has been seen so far.
    private struct Seen: ~Copyable {
        var hasher = SHA256()
        var bytes = 0
        var lines = 0
        var tail = Data()
        var endsWithNewline = true
    }

    private let seen = Mutex(Seen())

    /// Adds a chunk of output.
    func append(_ chunk: Data) {
        seen.withLock { seen in
            seen.hasher.update(chunk)
            seen.bytes += chunk.count
            seen.lines += chunk.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            if let last = chunk.last { seen.endsWithNewline = last == 0x0A }
            seen.tail.append(chunk)
            if seen.tail.count > 8192 { seen.tail = Data(seen.tail.suffix(4096)) }
        }
    }

    /// The digest so far, its kept tail with every string of `secrets` replaced.
    func digest(secrets: [String] = []) -> OutputDigest {
        seen.withLock { seen in
            let kept = OutputDigest(of: String(decoding: seen.tail, as: UTF8.self), secrets: secrets).tail
            return OutputDigest(sha256: seen.hasher.hexDigest() ?? "", bytes: seen.bytes,
                                lines: seen.lines + (seen.endsWithNewline ? 0 : 1), tail: kept)
        }
    }
}
