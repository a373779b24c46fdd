import Glibc
import TouchlineCore
import TouchlineOps

/// The grace a headless command gives its action after a cancel (the first signal): when the action has not
/// ended `seconds` later, touchline gives up on it — every open audit trail gets its end record (`cancelled`,
/// the error saying what the action last said it would leave: ``OpenAuditTrails``), the lines go to standard
/// error, and the process exits 1. So a command never exits, or hangs, on a start record alone.
///
/// An action with a compensating step (the rehearsal's rollback) gets a longer grace after the first cancel —
/// its compensation's deadline — and `afterSecond` seconds after a later one, which stops the compensation too.
final class CancelGrace: @unchecked Sendable {
    private let seconds: Double
    private let afterSecond: Double?
    private let command: String
    private let logs: Set<String>?
    private let leave: @Sendable (Int32) -> Void
    private let condition = ConditionVariable()
    // Guarded by `condition`'s mutex.
    private var started = false
    private var finished = false
    private var deadline = ContinuousClock.now
    private var waited = 0.0

    /// A grace of `seconds` for `touchline COMMAND`'s action. `logs` limits the trails given up to those audit
    /// logs (nil: every open one); `leave` ends the process (`exit`). With `afterSecond`, a later cancel brings the
    /// give-up forward to that many seconds after it (never later than the first cancel's).
    init(seconds: Double, afterSecond: Double? = nil, command: String, logs: Set<String>? = nil,
         leave: @escaping @Sendable (Int32) -> Void = { exit($0) }) {
        self.seconds = seconds
        self.afterSecond = afterSecond
        self.command = command
        self.logs = logs
        self.leave = leave
    }

    /// A cancel arrived: the first starts the clock (on a thread of its own); a later one brings the give-up
    /// forward when there is an `afterSecond`, else changes nothing.
    func cancelled() {
        let first: Bool = condition.withLock {
            guard !finished else { return false }
            guard !started else {
                if let afterSecond {
                    let sooner = ContinuousClock.now.advanced(by: .milliseconds(Int64(clampingFinite: afterSecond * 1000)))
                    if sooner < deadline {
                        deadline = sooner
                        waited = afterSecond
                        condition.broadcast()
                    }
                }
                return false
            }
            started = true
            deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(clampingFinite: seconds * 1000)))
            waited = seconds
            return true
        }
        guard first else { return }
        WorkerThread.start(name: "touchline-grace") { [self] in
            let (ended, seconds): (Bool, Double) = condition.withLock {
                while !finished && ContinuousClock.now < deadline { condition.wait(until: deadline) }
                return (finished, waited)
            }
            if ended { return }
            let text = DecimalText.fixed(seconds, digits: 0)
            StandardError.write("touchline \(command): the action did not end within \(text) s of the cancel; giving up on it")
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
