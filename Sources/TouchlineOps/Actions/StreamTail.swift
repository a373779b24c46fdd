import FoundationEssentials
import TouchlineCore

/// Keeps the last bytes of a stream and counts all of it (fed from a reader thread, read afterwards).
final class StreamTail: @unchecked Sendable {
    private let lock = ConditionVariable()
    private let limit: Int
    private var kept = Data()
    private var total: Int64 = 0

    /// A tail of at most `limit` bytes.
    init(limit: Int) {
        self.limit = limit
    }

    /// Adds a chunk of the stream.
    func append(_ chunk: Data) {
        lock.withLock {
            total += Int64(chunk.count)
            kept.append(chunk)
            if kept.count > limit * 2 { kept = Data(kept.suffix(limit)) }
        }
    }

    /// The last bytes, as text (invalid UTF-8 repaired).
    var text: String {
        lock.withLock { String(decoding: kept.suffix(limit), as: UTF8.self) }
    }

    /// Bytes seen in all.
    var count: Int64 {
        lock.withLock { total }
    }
}
