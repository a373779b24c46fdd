import Dispatch
import FoundationEssentials
import TouchlineCore

/// Counts the rows of every table on a thread of its own while the dump runs (the connection is used by
/// that thread alone until ``wait(seconds:)`` has returned true).
final class RowCountTask: @unchecked Sendable {
    private let done = DispatchGroup()
    private let lock = ConditionVariable()
    private var outcome: Result<[String: Int64], ActionFailure>?

    /// Starts counting on `session`.
    init(session: SnapshotConnection) {
        done.enter()
        WorkerThread.start(name: "touchline-rowcount", stackSize: 512 * 1024) { [self] in
            let counted: Result<[String: Int64], ActionFailure>
            do throws(ActionFailure) {
                counted = .success(try session.countRows())
            } catch {
                counted = .failure(error)
            }
            lock.withLock { outcome = counted }
            done.leave()
        }
    }

    /// Waits up to `seconds`; true when counting is over.
    func wait(seconds: Double) -> Bool {
        done.wait(timeout: .now() + .milliseconds(Int(max(0, seconds) * 1000))) == .success
    }

    /// The counts or the failure, once counting is over.
    var result: Result<[String: Int64], ActionFailure>? {
        lock.withLock { outcome }
    }
}
