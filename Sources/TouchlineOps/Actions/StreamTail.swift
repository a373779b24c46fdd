import FoundationEssentials
import Synchronization

/// Keeps the last bytes of a stream and counts all of it (fed from a reader thread, read afterwards).
final class StreamTail: Sendable {
    /// The kept bytes and the count, changed together.
    private struct Seen {
        var kept = Data()
        var total: Int64 = 0
    }

    private let limit: Int
    private let seen = Mutex(Seen())

    /// A tail of at most `limit` bytes.
    init(limit: Int) {
        self.limit = limit
    }

    /// Adds a chunk of the stream.
    func append(_ chunk: Data) {
        seen.withLock {
            $0.total += Int64(chunk.count)
            $0.kept.append(chunk)
            if $0.kept.count > limit * 2 { $0.kept = Data($0.kept.suffix(limit)) }
        }
    }

    /// The last bytes, as text (invalid UTF-8 repaired).
    var text: String {
        seen.withLock { String(decoding: $0.kept.suffix(limit), as: UTF8.self) }
    }

    /// Bytes seen in all.
    var count: Int64 {
        seen.withLock { $0.total }
    }
}
