import FoundationEssentials
import TouchlineCore
import TouchlineProbes

/// Cancels a PostgreSQL session's query (`pg_cancel_backend`) or terminates the session (`pg_terminate_backend`),
/// then verifies it: polls `pg_stat_activity` every 100 ms, at most 5 s, until the pid is gone (terminate) or its
/// query ended (cancel), and reports `ended after 0.3 s` or `still running after 5 s`.
///
/// Before anything runs the pid is looked up again on the probe's server; refused (audited, nothing sent) when it
/// is no session, a background process, touchline's own connection, a reused pid (its `backend_start` differs
/// from the listed one), another touchline's session without the environment's name typed, or (cancel) a
/// session that runs no query. It runs inside the one ``ActionEnvelope`` without the environment's lock, audited
/// with the pid, user, application and the first 200 characters of the query.
public struct SessionSignalRunner: ActionRunner {
    /// The environment.
    public let environment: EnvironmentConfig
    /// Supplies the probe's `password_env`.
    public let processEnvironment: [String: String]

    /// Creates the runner.
    public init(environment: EnvironmentConfig, processEnvironment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        self.processEnvironment = processEnvironment
    }

    /// Runs the spec's signal and its verification.
    public func run(_ spec: ActionSpec, control: ActionControl, output: ActionOutputSink) -> ActionReport {
        let name = "\(spec.kind.name) \(spec.target ?? "")"
        guard let signal = spec.session,
              let probe = environment.probes.first(where: { $0.name == signal.probe }),
              case .postgres(let dsn, let passwordEnv) = probe.target else {
            return notStarted(spec, .refused, "\(name): no postgres probe \(spec.session?.probe ?? "?") in \(environment.name)")
        }
        let pid = signal.session.pid
        let connection: ActivityConnection
        do throws(ProbeFailure) {
            connection = try ActivityConnection.open(dsn: dsn, password: passwordEnv.flatMap { processEnvironment[$0] },
                                                     deadline: Deadline(seconds: max(5, probe.timeout)))
        } catch {
            return notStarted(spec, .failed, "\(name): cannot connect to \(probe.name): \(error.message)")
        }
        defer { connection.close() }
        let found: Lookup?
        do throws(ProbeFailure) {
            found = try Self.lookup(pid, on: connection)
        } catch {
            return notStarted(spec, .failed, "\(name): reading pg_stat_activity: \(error.message)")
        }
        if let refusal = Self.refusal(spec, signal: signal, found: found) {
            return notStarted(spec, .refused, "\(name): \(refusal)")
        }
        guard let before = found else { return notStarted(spec, .refused, "\(name): no such session") }
        let envelope = ActionEnvelope(spec: spec, environment: environment)
        let details: [String: JSONValue] = [
            "pid": .integer(Int64(pid)), "usename": .string(before.usename), "application_name": .string(before.application),
            "client_addr": .string(before.client), "state": .string(before.state), "query": .string(String(before.query.prefix(200))),
            "probe": .string(probe.name),
        ]
        return envelope.run(details: { _ in details }, refused: { refusal in
            switch refusal {
            case .lockHeld(let error): return ActionReport(.refused, "\(name): \(error.description)")
            case .auditUnwritable(let failure): return ActionReport(.refused, "\(name): audit log: \(failure.description)")
            }
        }, body: { trail in
            let report = signalAndVerify(spec, name: name, pid: pid, before: before, on: connection, output: output)
            var endDetails = details
            endDetails.merge(report.figures) { _, new in new }
            try? trail.end(report.outcome, commands: spec.commands, details: endDetails,
                           error: report.ok ? nil : Self.cause(of: report.message, spec: spec))
            return report
        })
    }

    private func signalAndVerify(_ spec: ActionSpec, name: String, pid: Int, before: Lookup, on connection: ActivityConnection,
                                 output: ActionOutputSink) -> ActionReport {
        let statement = SessionSignal.statement(spec.kind, pid: pid)
        output.line("\(statement) on \(spec.session?.probe ?? "?")")
        let sent: String?
        do throws(ProbeFailure) {
            sent = try connection.rows(statement, deadline: Deadline(seconds: 5)).first?.first ?? nil
        } catch {
            return ActionReport(.failed, "\(name): " + Self.explain(error.message, kind: spec.kind, pid: pid, owner: before.usename))
        }
        guard sent == "t" else {
            return ActionReport(.failed, "\(name): pid \(pid) was gone before the signal reached it")
        }
        let start = ContinuousClock.now
        let limit = start.advanced(by: .seconds(SessionActionSpec.verifySeconds))
        while true {
            let now = Lookup.elapsed(since: start)
            do throws(ProbeFailure) {
                if Self.ended(spec.kind, before: before, now: try Self.lookup(pid, on: connection)) {
                    return ended(spec, name: name, seconds: now)
                }
            } catch {
                return ActionReport(.failed, "\(name): the signal was sent, but verifying it failed: \(error.message)")
            }
            if ContinuousClock.now >= limit {
                let text = spec.kind == .terminateSession ? "the session" : "its query"
                return ActionReport(.failed, "\(name): \(text) is still running after \(Int(SessionActionSpec.verifySeconds)) s",
                                    figures: ["ended": .bool(false), "waited_seconds": .number(SessionActionSpec.verifySeconds)])
            }
            BlockingSleep.seconds(0.1)
        }
    }

    private func ended(_ spec: ActionSpec, name: String, seconds: Double) -> ActionReport {
        let what = spec.kind == .terminateSession ? "session" : "query"
        return ActionReport(.ok, "\(name): \(what) ended after \(DecimalText.fixed(max(0.1, seconds), digits: 1)) s",
                            figures: ["ended": .bool(true), "ended_after_seconds": .number(seconds)])
    }

    /// Writes the record of an attempt that never started and returns its report.
    private func notStarted(_ spec: ActionSpec, _ outcome: AuditOutcome, _ message: String) -> ActionReport {
        try? AuditTrail.notStarted(AuditLog(stateDirectory: environment.stateDirectory), outcome: outcome,
                                   environment: environment.name, action: spec.kind.name, target: spec.target,
                                   commands: spec.commands, reason: Self.cause(of: message, spec: spec))
        return ActionReport(outcome, message)
    }

    /// A report's message without its `cancel-query 4711: ` prefix: the cause, as the audit record's `error` and a
    /// headless line (which name the action and pid already) hold it. The message keeps the prefix for the
    /// dashboard's Events and Sessions view, where it is the only name of what ended.
    public static func cause(of message: String, spec: ActionSpec) -> String {
        let prefix = "\(spec.kind.name) \(spec.target ?? ""): "
        return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
    }
}
