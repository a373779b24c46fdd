import FoundationEssentials
import Synchronization

/// Writes the chunks a pipeline's reader thread hands over into a file descriptor, counting them and
/// remembering the first write error (e.g. a full disk) for the thread that waits on the pipeline.
///
/// Reading the last stage's output in touchline, rather than handing it the file, ties the pipeline's life
/// to touchline's: if touchline dies, gzip and then pg_dump die of a broken pipe instead of running on.
final class ChunkWriter: Sendable {
    private let descriptor: Int32
    private let tee: @Sendable (Data) -> Void
    private let written = Mutex<Int64>(0)
    private let firstFailure = Mutex<ActionFailure?>(nil)

    /// A writer into `descriptor`, which the caller keeps and closes; every chunk written is then handed to
    /// `tee` too (the streaming verification).
    init(descriptor: Int32, tee: @escaping @Sendable (Data) -> Void = { _ in }) {
        self.descriptor = descriptor
        self.tee = tee
    }

    /// Writes `chunk`; after a failure, further chunks are dropped.
    func write(_ chunk: Data) {
        guard failure == nil else { return }
        do throws(ActionFailure) {
            try DurableFile.writeAll(chunk, to: descriptor)
            written.withLock { $0 += Int64(chunk.count) }
            tee(chunk)
        } catch {
            firstFailure.withLock { $0 = error }
        }
    }

    /// Bytes written so far.
    var bytes: Int64 { written.withLock { $0 } }

    /// The first write error, if any.
    var failure: ActionFailure? { firstFailure.withLock { $0 } }
}
