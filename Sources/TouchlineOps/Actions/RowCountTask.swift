import Dispatch
import FoundationEssentials
import Synchronization
import TouchlineCore

/// Counts the rows of every table on a thread of its own while the dump runs (the connection is used by
/// that thread alone until ``wait(seconds:)`` has returned true).
final class RowCountTask: Sendable {
    private let done = DispatchGroup()
    private let outcome = Mutex<Result<[String: Int64], ActionFailure>?>(nil)

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
            outcome.withLock { $0 = counted }
            done.leave()
        }
    }

    /// Waits up to `seconds`; true when counting is over.
    func wait(seconds: Double) -> Bool {
        done.wait(timeout: .now() + .milliseconds(Int(clampingFinite: max(0, seconds) * 1000))) == .success
    }

    /// The counts or the failure, once counting is over.
    var result: Result<[String: Int64], ActionFailure>? {
        outcome.withLock { $0 }
    }
}
