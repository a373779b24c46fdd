import Glibc
import TouchlineCore
import TouchlineOps

/// The grace a headless command gives its action after a cancel (the first signal): when the action has not
/// ended `seconds` later, touchline gives up on it — every open audit trail gets its end record (`cancelled`,
/// the error saying what the action last said it would leave: ``OpenAuditTrails``), the lines go to standard
/// error, and the process exits 1. So a command never exits, or hangs, on a start record alone.
final class CancelGrace: @unchecked Sendable {
    private let seconds: Double
    private let command: String
    private let logs: Set<String>?
    private let leave: @Sendable (Int32) -> Void
    private let condition = ConditionVariable()
    // Guarded by `condition`'s mutex.
    private var started = false
    private var finished = false

    /// A grace of `seconds` for `touchline COMMAND`'s action. `logs` limits the trails given up to those audit
    /// logs (nil: every open one); `leave` ends the process (`exit`).
    init(seconds: Double, command: String, logs: Set<String>? = nil, leave: @escaping @Sendable (Int32) -> Void = { exit($0) }) {
        self.seconds = seconds
        self.command = command
        self.logs = logs
        self.leave = leave
    }

    /// A cancel arrived: the first starts the clock (on a thread of its own); later ones change nothing.
    func cancelled() {
        let first: Bool = condition.withLock {
            defer { started = true }
            return !started && !finished
        }
        guard first else { return }
        WorkerThread.start(name: "touchline-grace") { [self] in
            let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(clampingFinite: seconds * 1000)))
            let ended: Bool = condition.withLock {
                while !finished && ContinuousClock.now < deadline { condition.wait(until: deadline) }
                return finished
            }
            if ended { return }
            let waited = DecimalText.fixed(seconds, digits: 0)
            StandardError.write("touchline \(command): the action did not end within \(waited) s of the cancel; giving up on it")
            for line in OpenAuditTrails.abandonAll(waited: seconds, logs: logs) {
                StandardError.write("touchline \(command): audited as cancelled: \(line)")
            }
            leave(ExitStatus.failed)
        }
    }

    /// The action ended (its own end record is written): the grace no longer applies.
    func ended() {
        condition.withLock {
            finished = true
            condition.broadcast()
        }
    }
}
