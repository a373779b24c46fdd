import Foundation
import Synchronization
import TouchlineCore
import TouchlineOps

/// An ``ActionRunner`` for the App tier: records every spec it is handed, prints `lines` to the action's output,
/// then blocks until the test ends it with ``finish(_:)`` or the dashboard cancels it (`c`, or quitting).
///
/// With `compensating`, a cancel starts a compensating step instead of ending the action (it reports
/// `compensating` through the rehearsal sink, as a rehearsal rolling back does); a stop of the compensation,
/// or ``finish(_:)``, then ends it.
public final class FakeActionRunner: ActionRunner {
    /// How the test ends a running action.
    public enum Ending: Sendable {
        case ok(String)
        case failed(String)
    }

    private struct Record {
        var specs: [ActionSpec] = []
        var cancels: [String] = []
        var compensationStops: [String] = []
        var ending: Ending?
    }

    private let record = Mutex(Record())
    private let wake = DispatchSemaphore(value: 0)
    private let lines: [String]
    private let compensating: String?
    /// Where it writes its audit start record (and a noted state) when set: `stateDirectory` of the environment.
    private let auditDirectory: String?
    /// Whether it ignores cancels (an action stuck after its cancel, which touchline must give up on).
    private let stuck: Bool
    /// Whether a cancel starts a compensating step (see the type's note).
    public var compensates: Bool { compensating != nil }
    /// 2 s unless told: the fake's compensation ends as soon as it is stopped.
    public let exitWaitSeconds: Double

    /// A runner that prints `lines` when it starts; `compensating` (e.g. `rolling back to 1.5.0`) makes a
    /// cancel start a compensation.
    /// With `auditDirectory`, it writes an audit start record there and notes `fake: still waiting` as the
    /// state it would leave; with `stuck`, it ignores cancels and compensation stops (until ``finish(_:)`` or 10 s
    /// — `exitWait` + 10 s when longer — without news). `exitWait` is how long the dashboard waits for it after a cancel.
    public init(lines: [String] = [], compensating: String? = nil, auditDirectory: String? = nil, stuck: Bool = false,
                exitWait: Double = 2) {
        self.exitWaitSeconds = exitWait
        self.lines = lines
        self.compensating = compensating
        self.auditDirectory = auditDirectory
        self.stuck = stuck
    }

    /// Every spec this runner was handed, oldest first.
    public var specs: [ActionSpec] { record.withLock { $0.specs } }
    /// The reasons of the cancels it received.
    public var cancels: [String] { record.withLock { $0.cancels } }
    /// The reasons of the compensation stops it received.
    public var compensationStops: [String] { record.withLock { $0.compensationStops } }

    /// Ends the running action with `ending`.
    public func finish(_ ending: Ending) {
        record.withLock { $0.ending = ending }
        wake.signal()
    }

    public func run(_ spec: ActionSpec, control: ActionControl, output: ActionOutputSink) -> ActionReport {
        record.withLock { $0.specs.append(spec) }
        let trail = auditDirectory.flatMap {
            try? AuditTrail.begin(AuditLog(stateDirectory: $0), environment: spec.environment, action: spec.kind.name,
                                  target: spec.target, commands: spec.commands)
        }
        trail?.note(stateLeft: "fake: still waiting")
        let report = running(spec, control: control, output: output)
        try? trail?.end(report.outcome, commands: spec.commands, error: report.ok ? nil : report.message)
        return report
    }

    private func running(_ spec: ActionSpec, control: ActionControl, output: ActionOutputSink) -> ActionReport {
        control.onCancel { [self] reason in
            record.withLock { $0.cancels.append(reason) }
            wake.signal()
        }
        if compensating != nil {
            control.onCompensation(stop: { [self] reason in
                record.withLock { $0.compensationStops.append(reason) }
                wake.signal()
            }, interrupt: { reason in control.cancel(reason: reason) })
        }
        for line in lines { output.line(line) }
        var compensationStarted = false
        let idle = stuck ? max(10, exitWaitSeconds + 10) : 10
        while wake.wait(timeout: .now() + idle) == .success {
            let now = record.withLock { $0 }
            switch now.ending {
            case .ok(let message): return ActionReport(.ok, message)
            case .failed(let message): return ActionReport(.failed, message)
            case nil: break
            }
            if let reason = now.compensationStops.first, !stuck {
                return ActionReport(.failed, "compensation stopped: \(reason)")
            }
            guard let reason = now.cancels.first, !stuck else { continue }
            guard let compensating, !compensationStarted else {
                if compensating == nil { return ActionReport(.cancelled, CancelText.phrase(spec.title, reason: reason)) }
                continue
            }
            compensationStarted = true
            output.rehearsal(RehearsalProgress(environment: spec.environment, steps: [], activity: "compensating: \(compensating)",
                                               compensating: compensating, leftIfStopped: "\(spec.environment) will be left as it is"))
        }
        return ActionReport(.failed, "the test never ended \(spec.title)")
    }
}
